package io.reprotect.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.JobError;
import java.util.List;

/**
 * What an operation would do, in the vocabulary of ARM's what-if ({@code Microsoft.Resources/deployments/whatIf}):
 * each change names a resource and a {@code changeType}. Every operation's what-if answers this one shape;
 * {@link WhatIfDraft} builds it.
 *
 * @param status {@code Succeeded} when the operation would be accepted and run; {@code Refused} when a check
 *        would stop it (see {@code checks})
 * @param operation the operation, e.g. {@code reprotect}, {@code planned-failover}
 * @param vmId the VM it works on
 * @param recoveryPoint the recovery point the operation would use, the caller's choice resolved; null when
 *        it uses none or the choice matches none
 * @param changes what it would create, modify, delete or leave as it is, in the order the stages act
 * @param transfer the bytes it expects to move, null when a check refused it before the disks were known
 * @param checks every check it would run before changing anything, with its result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatIf(String status, String operation, String vmId, PointChoice recoveryPoint, List<Change> changes,
        Transfer transfer, List<Check> checks) {

    public static final String SUCCEEDED = "Succeeded";
    public static final String REFUSED = "Refused";

    public WhatIf {
        changes = List.copyOf(changes);
        checks = List.copyOf(checks);
    }

    public WhatIf(String status, String operation, String vmId, List<Change> changes, Transfer transfer,
            List<Check> checks) {
        this(status, operation, vmId, null, changes, transfer, checks);
    }

    /** ARM what-if change types ({@code Ignore}: touched only in passing, left as it was). */
    public enum ChangeType {
        Create, Modify, Delete, NoChange, Ignore
    }

    /**
     * @param resourceId ARM id; the URL of a blob for data-plane resources; the API path of a protected item
     *        ({@code /api/protected-items/{id}}) or job ({@code /api/jobs/{id}}) for the app's own records
     * @param changeType what happens to it
     * @param reason why, in a line
     */
    public record Change(String resourceId, ChangeType changeType, String reason) {
    }

    /**
     * @param requested what the caller asked for ({@code Latest} when left out)
     * @param id the point it resolves to now
     * @param time when the point captured the source disks
     * @param type {@code CrashConsistent} or {@code ApplicationConsistent}
     */
    public record PointChoice(String requested, String id, String time, String type) {
    }

    /**
     * @param bytesUpperBound at most this many bytes are written (sum of {@code disks[].bytesUpperBound})
     * @param basis how the bound was found and why it is only a bound
     * @param disks one entry per disk and step that moves data
     * @param bytesExpected what is likely to move (sum of {@code disks[].bytesExpected}, or their bound where a
     *        disk has no estimate); absent when no disk has an estimate
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transfer(long bytesUpperBound, String basis, List<DiskTransfer> disks, Long bytesExpected) {

        public Transfer(long bytesUpperBound, String basis, List<DiskTransfer> disks) {
            this(bytesUpperBound, basis, disks, null);
        }
    }

    /**
     * @param sourceDiskId the disk of the failed-over VM that the replica follows
     * @param seedDiskId the old primary disk copied server-side as the replica's seed, null if none
     * @param bytesUpperBound the most this step writes for this disk
     * @param stage the stage that moves the bytes, e.g. {@code resync}, {@code create-failover-disks}
     * @param from what is read: a disk id, or a replica blob or recovery point snapshot URL (no SAS)
     * @param to what is written: a replica blob URL, or the id of the managed disk created
     * @param diskSizeBytes the size of the disk created, when the step creates one
     * @param bytesExpected an estimate where the bound is loose (see the transfer's {@code basis}), else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DiskTransfer(String sourceDiskId, String seedDiskId, long bytesUpperBound, String stage,
            String from, String to, Long diskSizeBytes, Long bytesExpected) {

        public DiskTransfer(String sourceDiskId, String seedDiskId, long bytesUpperBound) {
            this(sourceDiskId, seedDiskId, bytesUpperBound, null, null, null, null, null);
        }
    }

    /**
     * @param name the check
     * @param result {@code Passed} or {@code Refused}
     * @param error why it would refuse, with the recommended action
     * @param httpStatus the status the call without {@code whatIf} would answer when refused here at once
     *        (409 state or busy, 400 request); absent when the job would start and then fail at this stage
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String name, String result, JobError error, Integer httpStatus) {

        public static final String PASSED = "Passed";

        public static Check passed(String name) {
            return new Check(name, PASSED, null, null);
        }

        public static Check refused(String name, JobError error) {
            return new Check(name, REFUSED, error, null);
        }

        public static Check refused(String name, JobError error, int httpStatus) {
            return new Check(name, REFUSED, error, httpStatus);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isRefused() {
            return REFUSED.equals(result);
        }
    }
}

package io.reprotect.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.JobError;
import java.util.List;

/**
 * What an operation would do, in the vocabulary of ARM's what-if ({@code Microsoft.Resources/deployments/whatIf}):
 * each change names a resource and a {@code changeType}.
 *
 * @param status {@code Succeeded} when the operation would be accepted and run; {@code Refused} when a check
 *        would stop it (see {@code checks})
 * @param operation the operation, e.g. {@code reprotect}
 * @param vmId the VM it works on
 * @param changes what it would create, modify, delete or leave as it is, in the order the stages act
 * @param transfer the bytes it expects to move, null when a check refused it before the disks were known
 * @param checks every check it would run before changing anything, with its result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatIf(String status, String operation, String vmId, List<Change> changes, Transfer transfer,
        List<Check> checks) {

    public static final String SUCCEEDED = "Succeeded";
    public static final String REFUSED = "Refused";

    /** ARM what-if change types ({@code Ignore}: touched only in passing, left as it was). */
    public enum ChangeType {
        Create, Modify, Delete, NoChange, Ignore
    }

    /**
     * @param resourceId ARM id, or the URL of a blob for data-plane resources
     * @param changeType what happens to it
     * @param reason why, in a line
     */
    public record Change(String resourceId, ChangeType changeType, String reason) {
    }

    /**
     * @param bytesUpperBound at most this many bytes are written (sum of {@code disks[].bytesUpperBound})
     * @param basis how the bound was found and why it is only a bound
     * @param disks one entry per source disk
     */
    public record Transfer(long bytesUpperBound, String basis, List<DiskTransfer> disks) {
    }

    /**
     * @param sourceDiskId the failed-over VM's disk that the replica follows
     * @param seedDiskId the old primary disk copied server-side as the replica's seed, null if none
     * @param bytesUpperBound the most the resync writes into this replica
     */
    public record DiskTransfer(String sourceDiskId, String seedDiskId, long bytesUpperBound) {
    }

    /**
     * @param name the check
     * @param result {@code Passed} or {@code Refused}
     * @param error why it would refuse, with the recommended action
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String name, String result, JobError error) {

        public static Check passed(String name) {
            return new Check(name, "Passed", null);
        }

        public static Check refused(String name, JobError error) {
            return new Check(name, REFUSED, error);
        }
    }
}

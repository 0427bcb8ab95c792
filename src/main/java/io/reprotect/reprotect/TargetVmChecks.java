package io.reprotect.reprotect;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.JobError;
import io.reprotect.protection.Outputs;
import io.reprotect.request.AzureRegions;
import java.util.Optional;

/**
 * Which VM reprotect may stop and delete (the reprotect target): checked when the job first sees it, and
 * again before each destructive step. Names alone prove nothing: a VM deleted and created again under the
 * same name (from a backup, by a script) has another {@code properties.vmId}, which Compute gives each VM
 * at creation; that unique id, recorded when the job first saw the VM, is what every step compares.
 *
 * <p>Pure: reads nothing, decides from what it is given.
 */
public final class TargetVmChecks {

    private TargetVmChecks() {
    }

    /**
     * Before a destructive step: the VM found now under the recorded id must be the one the job recorded.
     *
     * @param step what the stage is about to do, e.g. "deallocate" or "delete"
     */
    public static Optional<JobError> replaced(Outputs.VmSummary recorded, VmInfo now, String step) {
        if (recorded.vmUniqueId() == null || recorded.vmUniqueId().equalsIgnoreCase(String.valueOf(now.uniqueId()))) {
            return Optional.empty();
        }
        return Optional.of(JobError.of("TargetVmReplaced", "Refusing to " + step + " VM " + now.id()
                        + ": it is not the VM this job recorded (vmId " + recorded.vmUniqueId() + ", created "
                        + recorded.timeCreated() + "); the VM of that name now has vmId " + now.uniqueId()
                        + ", created " + now.timeCreated() + ".",
                "The VM was deleted and another one created under the same name since the job started.",
                "Nothing was changed. Check which VM this is; if the new VM is the one to replace, cancel this job "
                        + "and request reprotect again."));
    }

    /**
     * When the job first sees the target: refuses a VM outside the region the replicas go to, the VM being
     * protected itself, and a VM the failover record says was not the one that failed over.
     *
     * @param source the VM that replicates (the failed-over VM)
     * @param region the region the replicas go to, where the target must be
     * @param failedOverUniqueId the {@code properties.vmId} of the VM that failed over, when recorded; else null
     */
    public static Optional<JobError> atStart(VmInfo target, VmInfo source, String region, String failedOverUniqueId) {
        if (target.id().equalsIgnoreCase(source.id())
                || (target.uniqueId() != null && target.uniqueId().equalsIgnoreCase(source.uniqueId()))) {
            return Optional.of(JobError.of("TargetVmIsSourceVm", "The VM reprotect would stop and delete, "
                            + target.id() + ", is the VM being reprotected itself.",
                    "The failover record (tag " + FailoverRecord.TAG_SOURCE_VM + ") names the failed-over VM.",
                    "Correct the tag to name the VM the failover came from, or disable and re-enable replication."));
        }
        if (region != null && target.region() != null
                && !AzureRegions.normalize(target.region()).equals(AzureRegions.normalize(region))) {
            return Optional.of(JobError.of("TargetVmNotInTargetRegion", "The VM reprotect would stop and delete, "
                            + target.id() + ", is in " + target.region() + ", not in " + region + " where the "
                            + "replicas go.", "The failover record names a VM in another region, or the region "
                            + "named in the request is wrong.",
                    "Check the failover record (tag " + FailoverRecord.TAG_SOURCE_VM + ") and primaryRegion; "
                            + "nothing was changed."));
        }
        if (failedOverUniqueId != null && !failedOverUniqueId.equalsIgnoreCase(String.valueOf(target.uniqueId()))) {
            return Optional.of(JobError.of("TargetVmNotFailedOverVm", "The VM " + target.id() + " (vmId "
                            + target.uniqueId() + ", created " + target.timeCreated() + ") is not the VM that "
                            + "failed over (vmId " + failedOverUniqueId + ").",
                    "The VM that failed over was deleted and another one created under its name later.",
                    "Nothing was changed. If the VM now there holds nothing you need, delete it yourself and "
                            + "request reprotect again (reprotect then starts from empty replicas)."));
        }
        return Optional.empty();
    }

    /**
     * Refuses a target that runs (or is starting) unless the request allows stopping it: it may be serving, or
     * taking writes that reprotect would then overwrite.
     */
    public static Optional<JobError> running(VmInfo target, boolean allowed) {
        boolean runs = target.powerState() == PowerState.RUNNING
                || target.powerState() == PowerState.STARTING;
        if (!runs || allowed) {
            return Optional.empty();
        }
        return Optional.of(JobError.of("TargetVmRunning", "The VM reprotect would stop and delete, " + target.id()
                        + ", is " + target.powerState() + ".",
                "The VM the failover came from was started again, or was never shut down (an unplanned failover).",
                "Nothing was changed. Check that nothing needed runs on it; then shut it down, or send the request "
                        + "again with \"allowStopRunningTargetVm\": true."));
    }

    /** Refuses a target that belongs to another protected item: its replication must not lose its VM. */
    public static JobError protectedByAnotherItem(VmInfo target, String itemId) {
        return JobError.of("TargetVmProtectedByAnotherItem", "The VM reprotect would stop and delete, " + target.id()
                        + ", is the VM of protected item " + itemId + ".",
                "The failover record names a VM another protected item replicates or failed over to.",
                "Nothing was changed. Check the failover record (tag " + FailoverRecord.TAG_SOURCE_VM + ").");
    }
}

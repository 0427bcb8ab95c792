package io.reprotect.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;

/**
 * A validated request to reprotect one failed-over VM: toward its primary region
 * ({@link #RECOVERY_TO_PRIMARY}), or, for a VM this engine failed back, from the primary region toward
 * the secondary one again ({@link #PRIMARY_TO_RECOVERY}).
 *
 * @param vmId the failed-over VM (RecoveryToPrimary: running in the secondary region); for
 *        PrimaryToRecovery the VM failed back to the primary region, or the VM its protected item was
 *        protected as
 * @param failoverDirection {@link #RECOVERY_TO_PRIMARY} or {@link #PRIMARY_TO_RECOVERY}
 * @param primaryRegion the VM's primary region (normalized, e.g. {@code westeurope}): where it returns
 *        to with RecoveryToPrimary, where it runs with PrimaryToRecovery
 * @param targetResourceGroupId where the VM is created at failback, or null for the original group
 * @param targetStorageAccountId where replica disks live, or null for the default
 * @param cacheStorageAccountId the cache account in the primary region, or null for the default
 * @param availabilitySetId the availability set in the primary region, or null for the default
 * @param replicationPolicy recovery point policy (defaults applied)
 */
public record ReprotectRequest(ResourceId vmId, String failoverDirection, String primaryRegion,
        ResourceId targetResourceGroupId, ResourceId targetStorageAccountId, ResourceId cacheStorageAccountId,
        ResourceId availabilitySetId, ReplicationPolicy replicationPolicy, boolean allowStopRunningTargetVm) {

    /** A request that leaves a running target VM alone (refused, not stopped). */
    public ReprotectRequest(ResourceId vmId, String failoverDirection, String primaryRegion,
            ResourceId targetResourceGroupId, ResourceId targetStorageAccountId, ResourceId cacheStorageAccountId,
            ResourceId availabilitySetId, ReplicationPolicy replicationPolicy) {
        this(vmId, failoverDirection, primaryRegion, targetResourceGroupId, targetStorageAccountId,
                cacheStorageAccountId, availabilitySetId, replicationPolicy, false);
    }

    public static final String RECOVERY_TO_PRIMARY = "RecoveryToPrimary";
    public static final String PRIMARY_TO_RECOVERY = "PrimaryToRecovery";

    /** True when the VM is to replicate from the primary region toward the secondary one. */
    public boolean primaryToRecovery() {
        return PRIMARY_TO_RECOVERY.equals(failoverDirection);
    }

    /** The other direction: a reprotect after a committed failover reverses the item's direction. */
    public static String reverse(String direction) {
        return PRIMARY_TO_RECOVERY.equals(direction) ? RECOVERY_TO_PRIMARY : PRIMARY_TO_RECOVERY;
    }

    /** The request as its job record stores it. */
    public JsonNode toJson() {
        return JobJson.MAPPER.valueToTree(this);
    }

    /** The reprotect request {@code job} was submitted with. */
    public static ReprotectRequest of(Job job) {
        try {
            return JobJson.MAPPER.treeToValue(job.request(), ReprotectRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id() + " holds no readable reprotect request", e);
        }
    }
}

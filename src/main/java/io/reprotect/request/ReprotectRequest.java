package io.reprotect.request;

/**
 * A validated request to reprotect one failed-over VM toward its primary region.
 *
 * @param vmId the failed-over VM, now running in the secondary region
 * @param failoverDirection always {@link #RECOVERY_TO_PRIMARY} for reprotect
 * @param primaryRegion the region the VM returns to (normalized, e.g. {@code westeurope})
 * @param targetResourceGroupId where the VM is created at failback, or null for the original group
 * @param targetStorageAccountId where replica disks live, or null for the default
 * @param cacheStorageAccountId the cache account in the primary region, or null for the default
 * @param availabilitySetId the availability set in the primary region, or null for the default
 * @param replicationPolicy recovery point policy (defaults applied)
 */
public record ReprotectRequest(ResourceId vmId, String failoverDirection, String primaryRegion,
        ResourceId targetResourceGroupId, ResourceId targetStorageAccountId, ResourceId cacheStorageAccountId,
        ResourceId availabilitySetId, ReplicationPolicy replicationPolicy) {

    public static final String RECOVERY_TO_PRIMARY = "RecoveryToPrimary";
}

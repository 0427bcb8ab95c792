package io.reprotect.protection;

import io.reprotect.request.ReprotectRequest;

/**
 * Where a protected item's VM runs and replicates to: its direction, its two regions, and the primary-side
 * resources a failover returns it to.
 *
 * @param activeLocation where the VM runs now: {@code Recovery} (the secondary region) after reprotect
 * @param failoverDirection which way the VM replicates: {@code RecoveryToPrimary} (from the secondary
 *        region, replicas in the primary region; null in items written before directions were kept) or
 *        {@code PrimaryToRecovery} (after a failback and a reprotect back: from the primary region, replicas
 *        in the secondary region). A failover goes to where the replicas are.
 * @param primaryRegion the region replicas live in and failback returns to
 * @param recoveryRegion the secondary region; null in items written before it was kept
 * @param targetResourceGroup primary-side resource group the VM returns to (its name)
 * @param targetResourceGroupId its id (it may be in another subscription than the VM)
 * @param targetStorageAccount account holding the replicas
 * @param cacheStorageAccount cache account in the primary region
 * @param availabilitySetId primary-side availability set, or null
 */
public record ItemPlacement(String activeLocation, String failoverDirection, String primaryRegion,
        String recoveryRegion, String targetResourceGroup, String targetResourceGroupId,
        Outputs.AccountRef targetStorageAccount, Outputs.AccountRef cacheStorageAccount, String availabilitySetId) {

    /** The direction the VM replicates in; RecoveryToPrimary for items written before directions were kept. */
    public String direction() {
        return failoverDirection == null ? ReprotectRequest.RECOVERY_TO_PRIMARY : failoverDirection;
    }

    /** The region the replicas live in, where a failover of this item creates the VM. */
    public String replicaRegion() {
        return ReprotectRequest.PRIMARY_TO_RECOVERY.equals(direction()) ? recoveryRegion : primaryRegion;
    }
}

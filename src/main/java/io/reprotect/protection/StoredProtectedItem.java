package io.reprotect.protection;

import io.reprotect.cloud.VmShape;
import io.reprotect.request.ReplicationPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A {@link ProtectedItem} as its blob holds it: flat, with the field names and order items have had since the
 * first version, so blobs written before the item had parts read unchanged and blobs written now read in older
 * code (no migration). Also the shape of the item inside a {@link DeletedItem} record. The parameters are those of
 * the parts they come from; {@code protected} is written for readers of the blob and ignored on reading.
 */
record StoredProtectedItem(String id, String vmId, Lifecycle lifecycle, String activeLocation,
        String primaryRegion, ReplicationPolicy policy, String targetResourceGroup, String targetResourceGroupId,
        Outputs.AccountRef targetStorageAccount, Outputs.AccountRef cacheStorageAccount, String availabilitySetId,
        List<Outputs.Replica> replicas, List<String> baseSnapshotIds, List<String> inFlightSnapshotIds,
        List<RecoveryPoint> recoveryPoints, List<HealthError> healthErrors, ProtectedItem.CycleStatus cycle,
        String reprotectJobId, Instant protectedAt, VmShape targetVmShape, List<RpoSample> rpoHistory,
        String failoverDirection, String recoveryRegion) {

    static StoredProtectedItem of(ProtectedItem item) {
        ItemPlacement at = item.placement();
        ReplicaSet set = item.replicaSet();
        ProtectionOrigin origin = item.origin();
        return new StoredProtectedItem(item.id(), item.vmId(), item.lifecycle(), at.activeLocation(),
                at.primaryRegion(), item.policy(), at.targetResourceGroup(), at.targetResourceGroupId(),
                at.targetStorageAccount(), at.cacheStorageAccount(), at.availabilitySetId(), set.replicas(),
                set.baseSnapshotIds(), set.inFlightSnapshotIds(), set.recoveryPoints(), item.health().healthErrors(),
                item.cycle(), origin.reprotectJobId(), origin.protectedAt(), origin.targetVmShape(),
                item.health().rpoHistory(), at.failoverDirection(), at.recoveryRegion());
    }

    ProtectedItem toItem() {
        return new ProtectedItem(id, vmId, lifecycle,
                new ItemPlacement(activeLocation, failoverDirection, primaryRegion, recoveryRegion, targetResourceGroup,
                        targetResourceGroupId, targetStorageAccount, cacheStorageAccount, availabilitySetId),
                policy, new ReplicaSet(replicas, baseSnapshotIds, inFlightSnapshotIds, recoveryPoints),
                new ReplicationHealth(healthErrors, rpoHistory), cycle,
                new ProtectionOrigin(reprotectJobId, protectedAt, targetVmShape));
    }

    /** Written as {@code protected}, as items always were: whether replication cycles run on the item. */
    public boolean isProtected() {
        return lifecycle != null && lifecycle.replicates();
    }
}

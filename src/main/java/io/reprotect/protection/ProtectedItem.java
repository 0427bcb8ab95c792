package io.reprotect.protection;

import io.reprotect.cloud.VmShape;
import io.reprotect.request.ReplicationPolicy;
import io.reprotect.request.ReprotectRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VM under replication, as ASR calls it: the source of truth of its protection, one JSON blob.
 *
 * @param id stable id derived from the VM id ({@link ProtectedItemStore#idOf})
 * @param vmId the protected (failed-over) VM: the replication source
 * @param lifecycle where the item stands and what may be done next ({@link LifecycleTable})
 * @param activeLocation where the VM runs now: {@code Recovery} (the secondary region) after reprotect
 * @param primaryRegion the region replicas live in and failback returns to
 * @param policy the replication policy
 * @param targetResourceGroup primary-side resource group the VM returns to (its name)
 * @param targetResourceGroupId its id (it may be in another subscription than the VM)
 * @param targetStorageAccount account holding the replicas
 * @param cacheStorageAccount cache account in the primary region
 * @param availabilitySetId primary-side availability set, or null
 * @param replicas one replica per source disk, in disk order
 * @param baseSnapshotIds per disk, the source snapshot the replica equals (the next cycle's base)
 * @param inFlightSnapshotIds source snapshots a cycle took and has not yet made the base (deleted by disable)
 * @param recoveryPoints oldest first
 * @param healthErrors what is wrong now; empty when healthy
 * @param cycle the cycle bookkeeping
 * @param reprotectJobId the job that protected the VM
 * @param protectedAt when it became protected
 * @param targetVmShape the old primary VM as reprotect captured it before deleting it (what failover
 *        rebuilds); null for items protected before shapes were captured
 * @param rpoHistory the RPO each recent cycle left behind, oldest first, at most {@link RpoSample#MAX_SAMPLES}
 * @param failoverDirection which way the VM replicates: {@code RecoveryToPrimary} (from the secondary
 *        region, replicas in the primary region; null in items written before directions were kept) or
 *        {@code PrimaryToRecovery} (after a failback and a reprotect back: from the primary region, replicas
 *        in the secondary region). A failover goes to where the replicas are.
 * @param recoveryRegion the secondary region; null in items written before it was kept
 */
public record ProtectedItem(String id, String vmId, Lifecycle lifecycle, String activeLocation,
        String primaryRegion, ReplicationPolicy policy, String targetResourceGroup, String targetResourceGroupId,
        Outputs.AccountRef targetStorageAccount, Outputs.AccountRef cacheStorageAccount, String availabilitySetId,
        List<Outputs.Replica> replicas, List<String> baseSnapshotIds, List<String> inFlightSnapshotIds,
        List<RecoveryPoint> recoveryPoints, List<HealthError> healthErrors, CycleStatus cycle, String reprotectJobId,
        Instant protectedAt, VmShape targetVmShape, List<RpoSample> rpoHistory,
        String failoverDirection, String recoveryRegion) {

    public static final String PROTECTED = "Protected";
    /** ASR's name for the secondary side, where a failed-over VM runs. */
    public static final String RECOVERY = "Recovery";
    /** ASR's name for the primary side. */
    public static final String PRIMARY = "Primary";

    public ProtectedItem {
        replicas = List.copyOf(replicas);
        baseSnapshotIds = baseSnapshotIds == null ? List.of() : List.copyOf(baseSnapshotIds);
        inFlightSnapshotIds = inFlightSnapshotIds == null ? List.of() : List.copyOf(inFlightSnapshotIds);
        recoveryPoints = recoveryPoints == null ? List.of() : List.copyOf(recoveryPoints);
        healthErrors = healthErrors == null ? List.of() : List.copyOf(healthErrors);
        rpoHistory = rpoHistory == null ? List.of() : List.copyOf(rpoHistory);
    }

    /**
     * Cycle bookkeeping.
     *
     * @param lastCycle number of the last cycle that was scheduled
     * @param nextCycleJobId the job of the next cycle (waiting on its scheduled message)
     * @param nextCycleTime when it is due
     * @param lastSuccessfulCycleTime when a cycle last took a recovery point
     * @param lastRpoSeconds RPO as the last cycle computed it
     * @param lastRpoCalculatedTime when
     */
    public record CycleStatus(long lastCycle, String nextCycleJobId, Instant nextCycleTime,
            Instant lastSuccessfulCycleTime, Long lastRpoSeconds, Instant lastRpoCalculatedTime) {

        public static CycleStatus none() {
            return new CycleStatus(0, null, null, null, null, null);
        }
    }

    public Optional<RecoveryPoint> latestRecoveryPoint() {
        return recoveryPoints.isEmpty() ? Optional.empty() : Optional.of(recoveryPoints.get(recoveryPoints.size() - 1));
    }

    /** The direction the VM replicates in; RecoveryToPrimary for items written before directions were kept. */
    public String direction() {
        return failoverDirection == null ? ReprotectRequest.RECOVERY_TO_PRIMARY : failoverDirection;
    }

    /** The region the replicas live in, where a failover of this item creates the VM. */
    public String replicaRegion() {
        return ReprotectRequest.PRIMARY_TO_RECOVERY.equals(direction()) ? recoveryRegion
                : primaryRegion;
    }

    /**
     * The id the VM gets when a failover of this item creates it: the captured name, in the target
     * resource group, in the replicas' subscription (where failover creates disks and VM); null without a
     * captured shape.
     */
    public String failoverVmId() {
        if (targetVmShape == null || targetStorageAccount == null || targetResourceGroup == null) {
            return null;
        }
        return "/subscriptions/" + targetStorageAccount.id().split("/")[2] + "/resourceGroups/" + targetResourceGroup
                + "/providers/Microsoft.Compute/virtualMachines/" + targetVmShape.name();
    }

    /** Replication cycles run on the item (see {@link Lifecycle#replicates()}). */
    public boolean isProtected() {
        return lifecycle != null && lifecycle.replicates();
    }

    /** ASR's {@code protectionState}, derived from the lifecycle. */
    public String protectionState() {
        return lifecycle.status().protectionState();
    }

    public ProtectedItem withLifecycle(Lifecycle value) {
        return new ProtectedItem(id, vmId, value, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, baseSnapshotIds,
                inFlightSnapshotIds, recoveryPoints, healthErrors, cycle, reprotectJobId, protectedAt, targetVmShape, rpoHistory,
                failoverDirection, recoveryRegion);
    }

    public ProtectedItem withSnapshots(List<String> base, List<String> inFlight) {
        return new ProtectedItem(id, vmId, lifecycle, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, base, inFlight,
                recoveryPoints, healthErrors, cycle, reprotectJobId, protectedAt, targetVmShape, rpoHistory,
                failoverDirection, recoveryRegion);
    }

    public ProtectedItem withRecoveryPoints(List<RecoveryPoint> points) {
        return new ProtectedItem(id, vmId, lifecycle, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, baseSnapshotIds,
                inFlightSnapshotIds, points, healthErrors, cycle, reprotectJobId, protectedAt, targetVmShape, rpoHistory,
                failoverDirection, recoveryRegion);
    }

    /** Adds the point unless a point with its id is there already (a rerun). */
    public ProtectedItem withRecoveryPoint(RecoveryPoint point) {
        if (recoveryPoints.stream().anyMatch(p -> p.id().equals(point.id()))) {
            return this;
        }
        List<RecoveryPoint> all = new ArrayList<>(recoveryPoints);
        all.add(point);
        return withRecoveryPoints(all);
    }

    public ProtectedItem withHealthErrors(List<HealthError> errors) {
        return new ProtectedItem(id, vmId, lifecycle, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, baseSnapshotIds,
                inFlightSnapshotIds, recoveryPoints, errors, cycle, reprotectJobId, protectedAt, targetVmShape, rpoHistory,
                failoverDirection, recoveryRegion);
    }

    /**
     * Records the RPO a cycle left behind: replaces the sample of the same cycle (a rerun of the
     * recording stage), keeps the newest {@link RpoSample#MAX_SAMPLES}.
     */
    public ProtectedItem withRpoSample(RpoSample sample) {
        List<RpoSample> samples = new ArrayList<>(rpoHistory.stream().filter(s -> s.cycle() != sample.cycle()).toList());
        samples.add(sample);
        samples.sort(java.util.Comparator.comparing(RpoSample::time));
        List<RpoSample> kept = samples.subList(Math.max(0, samples.size() - RpoSample.MAX_SAMPLES), samples.size());
        return new ProtectedItem(id, vmId, lifecycle, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, baseSnapshotIds,
                inFlightSnapshotIds, recoveryPoints, healthErrors, cycle, reprotectJobId, protectedAt, targetVmShape, kept,
                failoverDirection, recoveryRegion);
    }

    public ProtectedItem withCycle(CycleStatus value) {
        return new ProtectedItem(id, vmId, lifecycle, activeLocation, primaryRegion, policy, targetResourceGroup, targetResourceGroupId,
                targetStorageAccount, cacheStorageAccount, availabilitySetId, replicas, baseSnapshotIds,
                inFlightSnapshotIds, recoveryPoints, healthErrors, value, reprotectJobId, protectedAt, targetVmShape, rpoHistory,
                failoverDirection, recoveryRegion);
    }
}

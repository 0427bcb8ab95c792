package io.reprotect.protection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.reprotect.cloud.VmShape;
import io.reprotect.request.ReplicationPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VM under replication, as ASR calls it: the source of truth of its protection, one JSON blob. Its parts say
 * where it runs ({@link ItemPlacement}), what it replicates into ({@link ReplicaSet}), what the cycles saw
 * ({@link ReplicationHealth}) and where it came from ({@link ProtectionOrigin}); it is stored flat, as
 * {@link StoredProtectedItem}, in the shape items have always had.
 *
 * @param id stable id derived from the VM id ({@link ProtectedItemStore#idOf})
 * @param vmId the protected (failed-over) VM: the replication source
 * @param lifecycle where the item stands and what may be done next ({@link LifecycleTable})
 * @param placement direction, regions and the primary-side resources
 * @param policy the replication policy
 * @param replicaSet replicas, the source snapshots they equal, and recovery points
 * @param health health errors and RPO history; never null (empty when absent)
 * @param cycle the cycle bookkeeping
 * @param origin the reprotect job that protected the VM, when, and the VM shape it captured
 */
public record ProtectedItem(String id, String vmId, Lifecycle lifecycle, ItemPlacement placement,
        ReplicationPolicy policy, ReplicaSet replicaSet, ReplicationHealth health, CycleStatus cycle,
        ProtectionOrigin origin) {

    public static final String PROTECTED = "Protected";
    /** ASR's name for the secondary side, where a failed-over VM runs. */
    public static final String RECOVERY = "Recovery";
    /** ASR's name for the primary side. */
    public static final String PRIMARY = "Primary";

    public ProtectedItem {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(replicaSet, "replicaSet");
        Objects.requireNonNull(origin, "origin");
        health = health == null ? ReplicationHealth.none() : health;
    }

    /** Read from the stored, flat shape. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ProtectedItem fromStored(StoredProtectedItem stored) {
        return stored.toItem();
    }

    /** Written in the stored, flat shape. */
    @JsonValue
    StoredProtectedItem stored() {
        return StoredProtectedItem.of(this);
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
     * @param shard the fleet shard whose ticks run the item's cycles (null in items written before fleet
     *        cycles, and until a cycle is scheduled through the shard)
     * @param inProgress the cycle in flight between two turns, or null (see {@link CycleInProgress})
     */
    public record CycleStatus(long lastCycle, String nextCycleJobId, Instant nextCycleTime,
            Instant lastSuccessfulCycleTime, Long lastRpoSeconds, Instant lastRpoCalculatedTime, String shard,
            CycleInProgress inProgress) {

        /** Bookkeeping with no shard and no cycle in flight. */
        public CycleStatus(long lastCycle, String nextCycleJobId, Instant nextCycleTime,
                Instant lastSuccessfulCycleTime, Long lastRpoSeconds, Instant lastRpoCalculatedTime) {
            this(lastCycle, nextCycleJobId, nextCycleTime, lastSuccessfulCycleTime, lastRpoSeconds,
                    lastRpoCalculatedTime, null, null);
        }

        public static CycleStatus none() {
            return new CycleStatus(0, null, null, null, null, null);
        }

        /** The same bookkeeping with the cycle in flight {@code value} (null: none). */
        public CycleStatus withInProgress(CycleInProgress value) {
            return new CycleStatus(lastCycle, nextCycleJobId, nextCycleTime, lastSuccessfulCycleTime, lastRpoSeconds,
                    lastRpoCalculatedTime, shard, value);
        }

        /** The same bookkeeping in shard {@code value}. */
        public CycleStatus withShard(String value) {
            return new CycleStatus(lastCycle, nextCycleJobId, nextCycleTime, lastSuccessfulCycleTime, lastRpoSeconds,
                    lastRpoCalculatedTime, value, inProgress);
        }
    }

    public Optional<RecoveryPoint> latestRecoveryPoint() {
        return replicaSet.latestRecoveryPoint();
    }

    /**
     * The id the VM gets when a failover of this item creates it: the captured name, in the target
     * resource group, in the replicas' subscription (where failover creates disks and VM); null without a
     * captured shape.
     */
    public String failoverVmId() {
        VmShape shape = origin.targetVmShape();
        Outputs.AccountRef account = placement.targetStorageAccount();
        if (shape == null || account == null || placement.targetResourceGroup() == null) {
            return null;
        }
        return "/subscriptions/" + account.id().split("/")[2] + "/resourceGroups/" + placement.targetResourceGroup()
                + "/providers/Microsoft.Compute/virtualMachines/" + shape.name();
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
        return new ProtectedItem(id, vmId, value, placement, policy, replicaSet, health, cycle, origin);
    }

    public ProtectedItem withReplicaSet(ReplicaSet value) {
        return new ProtectedItem(id, vmId, lifecycle, placement, policy, value, health, cycle, origin);
    }

    public ProtectedItem withHealth(ReplicationHealth value) {
        return new ProtectedItem(id, vmId, lifecycle, placement, policy, replicaSet, value, cycle, origin);
    }

    public ProtectedItem withCycle(CycleStatus value) {
        return new ProtectedItem(id, vmId, lifecycle, placement, policy, replicaSet, health, value, origin);
    }

    /** {@link ReplicaSet#withSnapshots} on the item. */
    public ProtectedItem withSnapshots(List<String> base, List<String> inFlight) {
        return withReplicaSet(replicaSet.withSnapshots(base, inFlight));
    }

    /** {@link ReplicaSet#withRecoveryPoints} on the item. */
    public ProtectedItem withRecoveryPoints(List<RecoveryPoint> points) {
        return withReplicaSet(replicaSet.withRecoveryPoints(points));
    }

    /** {@link ReplicaSet#withRecoveryPoint} on the item: adds the point unless one with its id is there (a rerun). */
    public ProtectedItem withRecoveryPoint(RecoveryPoint point) {
        return withReplicaSet(replicaSet.withRecoveryPoint(point));
    }

    /** {@link ReplicationHealth#withHealthErrors} on the item. */
    public ProtectedItem withHealthErrors(List<HealthError> errors) {
        return withHealth(health.withHealthErrors(errors));
    }

    /** {@link ReplicationHealth#withRpoSample} on the item. */
    public ProtectedItem withRpoSample(RpoSample sample) {
        return withHealth(health.withRpoSample(sample));
    }
}

package io.reprotect.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protected item's replicas and what they are measured against: the replica blobs, the source snapshots
 * they equal, and the recovery points taken of them.
 *
 * @param replicas one replica per source disk, in disk order
 * @param baseSnapshotIds per disk, the source snapshot the replica equals (the next cycle's base)
 * @param inFlightSnapshotIds source snapshots a cycle took and has not yet made the base, and replaced ones whose
 *        delete was fired and not yet seen done (deleted by disable; a later cycle drops them once gone)
 * @param recoveryPoints oldest first
 */
public record ReplicaSet(List<Outputs.Replica> replicas, List<String> baseSnapshotIds,
        List<String> inFlightSnapshotIds, List<RecoveryPoint> recoveryPoints) {

    public ReplicaSet {
        replicas = List.copyOf(replicas);
        baseSnapshotIds = baseSnapshotIds == null ? List.of() : List.copyOf(baseSnapshotIds);
        inFlightSnapshotIds = inFlightSnapshotIds == null ? List.of() : List.copyOf(inFlightSnapshotIds);
        recoveryPoints = recoveryPoints == null ? List.of() : List.copyOf(recoveryPoints);
    }

    public Optional<RecoveryPoint> latestRecoveryPoint() {
        return recoveryPoints.isEmpty() ? Optional.empty() : Optional.of(recoveryPoints.get(recoveryPoints.size() - 1));
    }

    public ReplicaSet withSnapshots(List<String> base, List<String> inFlight) {
        return new ReplicaSet(replicas, base, inFlight, recoveryPoints);
    }

    public ReplicaSet withRecoveryPoints(List<RecoveryPoint> points) {
        return new ReplicaSet(replicas, baseSnapshotIds, inFlightSnapshotIds, points);
    }

    /** Adds the point unless a point with its id is there already (a rerun). */
    public ReplicaSet withRecoveryPoint(RecoveryPoint point) {
        if (recoveryPoints.stream().anyMatch(p -> p.id().equals(point.id()))) {
            return this;
        }
        List<RecoveryPoint> all = new ArrayList<>(recoveryPoints);
        all.add(point);
        return withRecoveryPoints(all);
    }
}

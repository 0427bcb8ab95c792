package io.reprotect.replication;

import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Revokes access to and deletes the source snapshots or restore points the new base replaces (the
 * previous base, and any an interrupted cycle left), so each disk keeps one capture between cycles.
 *
 * <p>Idempotency: revoking and deleting what is already gone succeeds; the current base is never
 * deleted.
 */
@Singleton
public class ReleaseBaseSnapshots extends CycleStage {

    public static final String NAME = "release-base";

    private final Snapshots snapshots;
    private final RestorePoints restorePoints;
    private final DiskAccess diskAccess;

    public ReleaseBaseSnapshots(ProtectedItemStore items, Snapshots snapshots,
            RestorePoints restorePoints, DiskAccess diskAccess) {
        super(NAME, items);
        this.snapshots = snapshots;
        this.restorePoints = restorePoints;
        this.diskAccess = diskAccess;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        CycleInputs.Snapshots taken = context.require(CycleInputs.SNAPSHOTS);
        Set<String> stale = new LinkedHashSet<>(taken.previous());
        stale.addAll(item.replicaSet().inFlightSnapshotIds());
        // a capture goes with its owner (a disk restore point with its restore point): keep what owns the base
        Set<String> keep = new java.util.HashSet<>();
        item.replicaSet().baseSnapshotIds().forEach(b -> keep.add(SourceSnapshots.owner(b).toLowerCase(java.util.Locale.ROOT)));
        stale.removeIf(id -> keep.contains(SourceSnapshots.owner(id).toLowerCase(java.util.Locale.ROOT)));
        stale.forEach(id -> SourceSnapshots.delete(diskAccess, snapshots, restorePoints, id));
        items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(),
                i.replicaSet().inFlightSnapshotIds().stream().filter(id -> !stale.contains(id)).toList()));
        return Outcome.next(Map.of());
    }
}

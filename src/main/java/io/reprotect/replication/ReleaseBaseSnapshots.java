package io.reprotect.replication;

import io.reprotect.cloud.DiskAccess;
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
 * Revokes access to and deletes the source snapshots the new base replaces (the previous base, and
 * any snapshot an interrupted cycle left), so each disk keeps one snapshot between cycles.
 *
 * <p>Idempotency: revoking and deleting what is already gone succeeds; the current base is never
 * deleted.
 */
@Singleton
public class ReleaseBaseSnapshots extends CycleStage {

    public static final String NAME = "release-base";

    private final Snapshots snapshots;
    private final DiskAccess diskAccess;

    public ReleaseBaseSnapshots(ProtectedItemStore items, Snapshots snapshots, DiskAccess diskAccess) {
        super(items);
        this.snapshots = snapshots;
        this.diskAccess = diskAccess;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        CycleInputs.Snapshots taken = context.output(CycleInputs.SNAPSHOTS, CycleInputs.Snapshots.class).orElseThrow();
        Set<String> stale = new LinkedHashSet<>(taken.previous());
        stale.addAll(item.inFlightSnapshotIds());
        stale.removeAll(item.baseSnapshotIds());
        stale.forEach(id -> SourceSnapshots.delete(diskAccess, snapshots, id));
        items.change(item.id(), i -> i.withSnapshots(i.baseSnapshotIds(),
                i.inFlightSnapshotIds().stream().filter(id -> !stale.contains(id)).toList()));
        return Outcome.next(Map.of());
    }
}

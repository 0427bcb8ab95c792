package io.reprotect.replication;

import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Revokes access to and deletes the source snapshots or restore points the new base replaces (the
 * previous base, and any an interrupted cycle left), so each disk keeps one capture between cycles.
 *
 * <p>No waiting on Azure for the deletes: each is fired, and the capture stays in the item's in-flight list (its
 * pending deletes) until a later cycle finds it gone; a capture still there then is fired again (a delete that
 * failed). Only the item's own captures are deleted: a snapshot whose ownership tags name the item or the
 * reprotect job that protected it ({@link SourceSnapshots#ours}), or a restore point in the item's collection;
 * anything else is left untouched and forgotten, with a warning. Revoking access still waits (Disk RP, about 2 s a capture).
 *
 * <p>Idempotency: revoking and deleting what is already gone succeeds; the current base is never
 * deleted; a rerun fires again the deletes not yet seen done.
 */
@Singleton
public class ReleaseBaseSnapshots extends CycleStage {

    public static final String NAME = "release-base";
    /** Job output: the captures whose delete was fired and not yet seen done (verified by the next cycle). */
    public static final OutputKey<List<String>> DELETING = OutputKey.listOf("sourceCapturesDeleting", String.class);

    private static final Logger LOG = Logger.getLogger(ReleaseBaseSnapshots.class);

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
        Set<String> keep = new HashSet<>();
        item.replicaSet().baseSnapshotIds().forEach(b -> keep.add(key(b)));
        stale.removeIf(id -> keep.contains(key(id)));
        String collection = RestorePointCapture.collectionId(item);
        Set<String> deleting = new HashSet<>();
        List<String> stillDeleting = new ArrayList<>();
        for (String id : stale) {
            if (deleting.contains(key(id))) {
                stillDeleting.add(id); // another disk restore point of a restore point already fired
                continue;
            }
            SourceSnapshots.Release release = SourceSnapshots.fireDelete(diskAccess, snapshots, restorePoints,
                    item, collection, id);
            if (release == SourceSnapshots.Release.Deleting) {
                deleting.add(key(id));
                stillDeleting.add(id);
            } else if (release == SourceSnapshots.Release.NotOurs) {
                LOG.warnf("item %s: %s is not a capture the engine took for it (ownership tags or collection do "
                        + "not match); it is left untouched and no longer tracked", item.id(), id);
            }
        }
        Set<String> released = new HashSet<>(stale);
        released.removeAll(stillDeleting);
        items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(),
                i.replicaSet().inFlightSnapshotIds().stream().filter(id -> !released.contains(id)).toList()));
        return Outcome.next(DELETING.of(stillDeleting));
    }

    private static String key(String id) {
        return SourceSnapshots.owner(id).toLowerCase(Locale.ROOT);
    }
}

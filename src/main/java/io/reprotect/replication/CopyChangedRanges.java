package io.reprotect.replication;

import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.sync.ChainBrokenException;
import io.reprotect.sync.IncrementalCopyCheckpoint;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SnapshotDiffs;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.SyncProgress;
import io.reprotect.sync.blob.BlobSyncEngines;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings every replica up to this cycle's source snapshot, disk after disk, in bounded slices
 * checkpointed in the job. Normally only what changed since the base snapshot moves: the changed
 * and cleared ranges of the snapshot diff (server-side Put Page From URL in Azure). When the chain
 * is broken (the base is gone, the disk was recreated or resized across 4 TiB) that disk falls back
 * to the delta-sync compare the resync uses, and the item's health says so until a cycle runs clean.
 *
 * <p>Read access: the copy reads the new snapshot and its base through {@link ReadGrants}. Neither is revoked when
 * the copy ends: the base goes next, in {@link ReleaseBaseSnapshots}, which revokes before it deletes (as every
 * deleter of a source capture does, through {@link SourceSnapshots#delete}); the new snapshot is the next cycle's
 * base, and its grant serves that cycle too, so a cycle asks for one grant per disk, not two, and revokes one.
 * A grant still being obtained is not waited for in the invocation: the stage continues later
 * ({@link ReadGrants#prepare}).
 *
 * <p>Idempotency: both paths write absolute contents of the new snapshot, so a slice redone after a
 * crash or a redelivery changes nothing more; at most one slice is redone.
 */
@Singleton
public class CopyChangedRanges extends CycleStage {

    public static final String NAME = "copy-changes";
    static final String INCREMENTAL = "incremental";
    static final String FULL_COMPARE = "full-compare";

    private final Snapshots snapshots;
    private final RestorePoints restorePoints;
    private final ReadGrants grants;
    private final BlobSyncEngines engines;
    private final SnapshotDiffs diffs;
    private final ReplicaSlices fullCompare;
    private final SyncConfig sync;
    private final Clock clock;

    public CopyChangedRanges(ProtectedItemStore items, Snapshots snapshots, RestorePoints restorePoints,
            ReadGrants grants, BlobSyncEngines engines, SnapshotDiffs diffs, ReplicaSlices fullCompare, SyncConfig sync,
            Clock clock) {
        super(NAME, items);
        this.snapshots = snapshots;
        this.restorePoints = restorePoints;
        this.grants = grants;
        this.engines = engines;
        this.diffs = diffs;
        this.fullCompare = fullCompare;
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * Times the copy of one disk continues later for its read grants before it asks for them and waits in the
     * invocation: a run that lands on another instance than the one that began a grant cannot read it.
     */
    static final int MAX_GRANT_WAITS = 5;

    /**
     * Where the copy stands: the disk in work, its method and checkpoint, what is done, and how many times this
     * disk's copy continued later for its grants (0 in states saved before it was counted).
     */
    public record State(int disk, String method, IncrementalCopyCheckpoint incremental, SyncCheckpoint compare,
            List<CycleInputs.DiskResult> done, int grantWaits) {
    }

    /** The kind of transfer this stage reports in the bytes-moved metric. */
    public static final String BYTES_KIND = "replication";

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        CycleInputs.Snapshots taken = context.require(CycleInputs.SNAPSHOTS);
        State state = context.checkpoint(State.class).orElse(new State(0, null, null, null, List.of(), 0));
        if (state.disk() >= item.replicaSet().replicas().size()) {
            return done(state);
        }
        Outputs.Replica replica = item.replicaSet().replicas().get(state.disk());
        String snapshot = taken.current().get(state.disk());
        String base = state.disk() < taken.previous().size() ? taken.previous().get(state.disk()) : null;
        if (state.method() == null) {
            state = new State(state.disk(), chooseMethod(item, replica, base), null, null, state.done(), 0);
        }
        if (INCREMENTAL.equals(state.method())) {
            grants.begin(taken.current().subList(state.disk(), taken.current().size())); // the later disks' too
            Optional<Duration> wait;
            try {
                wait = grants.prepare(List.of(snapshot, base));
            } catch (CloudException.NotFound e) {
                chainBroken(item, replica, e.getMessage());
                state = new State(state.disk(), FULL_COMPARE, null, null, state.done(), 0);
                wait = Optional.empty();
            }
            if (wait.isPresent() && state.grantWaits() < MAX_GRANT_WAITS) { // past it, the slice asks and waits
                State waiting = new State(state.disk(), state.method(), state.incremental(), null, state.done(),
                        state.grantWaits() + 1);
                return Outcome.continueLater(StageContext.json(waiting), wait.get(), progress(item, state,
                        "waiting for read access to the snapshots of disk " + (state.disk() + 1)));
            }
        }
        int finished = state.done().size();
        state = INCREMENTAL.equals(state.method())
                ? incrementalSlice(item, state, replica, snapshot, base)
                : compareSlice(item, state, replica, snapshot);
        if (state.done().size() > finished) {
            context.meters().bytesMoved(BYTES_KIND, state.done().get(finished).bytesWritten());
        }
        if (state.disk() >= item.replicaSet().replicas().size()) {
            return done(state);
        }
        return Outcome.continueLater(StageContext.json(state), Duration.ZERO, progress(item, state,
                "disk " + (state.disk() + 1) + " of " + item.replicaSet().replicas().size()
                        + (state.method() == null ? "" : " (" + state.method() + ")")));
    }

    private static TaskProgress progress(ProtectedItem item, State state, String what) {
        int disks = item.replicaSet().replicas().size();
        return new TaskProgress(state.disk(), disks, "disks", 100 * state.disk() / disks, null, what);
    }

    private String chooseMethod(ProtectedItem item, Outputs.Replica replica, String base) {
        if (base == null || !SourceSnapshots.exists(snapshots, restorePoints, base)) {
            chainBroken(item, replica, "its base snapshot is gone");
            return FULL_COMPARE;
        }
        return INCREMENTAL;
    }

    private State incrementalSlice(ProtectedItem item, State state, Outputs.Replica replica, String snapshot,
            String base) {
        IncrementalCopyCheckpoint checkpoint = state.incremental() == null
                ? IncrementalCopyCheckpoint.start() : state.incremental();
        try {
            IncrementalCopyCheckpoint from = checkpoint;
            checkpoint = grants.using(List.of(snapshot, base), urls -> engines.incrementalCopy(diffs,
                    urls.get(0), urls.get(1), replicaBlob(item, replica), sync.writer(), sync.writesInFlight())
                    .bridgingGapsUpTo(sync.bridgedGapBytes()).runSlice(from, sync.sliceLimits()));
        } catch (ChainBrokenException | SnapshotDiffs.PreviousSnapshotGoneException | CloudException.NotFound e) {
            chainBroken(item, replica, e.getMessage());
            return new State(state.disk(), FULL_COMPARE, null, null, state.done(), 0);
        }
        if (!checkpoint.done()) {
            return new State(state.disk(), INCREMENTAL, checkpoint, null, state.done(), state.grantWaits());
        }
        // both grants are kept: the base's goes with the base (ReleaseBaseSnapshots), the snapshot's serves the next cycle
        return nextDisk(state, new CycleInputs.DiskResult(replica.sourceDiskId(), INCREMENTAL,
                checkpoint.bytesChanged() + checkpoint.bytesCleared(), checkpoint.bytesWritten(),
                checkpoint.bytesCleared(), checkpoint.requests()));
    }

    private State compareSlice(ProtectedItem item, State state, Outputs.Replica replica, String snapshot) {
        SliceResult slice = fullCompare.run(snapshot, replica, item.placement().targetStorageAccount(), state.compare());
        if (!slice.done()) {
            return new State(state.disk(), FULL_COMPARE, null, slice.checkpoint(), state.done(), 0);
        }
        // the snapshot's grant is kept: it is the next cycle's base
        SyncProgress p = slice.progress();
        return nextDisk(state, new CycleInputs.DiskResult(replica.sourceDiskId(), FULL_COMPARE, p.bytesExamined(),
                p.bytesWritten(), p.bytesCleared(), p.requests()));
    }

    private static State nextDisk(State state, CycleInputs.DiskResult result) {
        List<CycleInputs.DiskResult> done = new ArrayList<>(state.done());
        done.add(result);
        return new State(state.disk() + 1, null, null, null, done, 0);
    }

    private static BlobRef replicaBlob(ProtectedItem item, Outputs.Replica replica) {
        return BlobRef.of(item.placement().targetStorageAccount().blobEndpoint(), replica.container(), replica.blobName());
    }

    private void chainBroken(ProtectedItem item, Outputs.Replica replica, String why) {
        items.change(item.id(), i -> i.withHealthErrors(HealthErrors.with(i.health().healthErrors(),
                HealthErrors.chainBroken(replica.sourceDiskId(), why, clock.instant()))));
    }

    private static Outcome done(State state) {
        return Outcome.next(CycleInputs.DISKS.of(state.done()));
    }
}

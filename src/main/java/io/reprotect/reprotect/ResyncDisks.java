package io.reprotect.reprotect;

import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.Snapshots;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import io.reprotect.replication.ReplicaSlices;
import io.reprotect.request.ResourceId;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.SyncProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings every replica up to date with its source disk, moving only what differs. When the stage
 * starts, every source disk is snapshotted at once (one fixed, mutually consistent image of the
 * VM); then the delta sync engine runs one bounded slice per invocation, disk after disk,
 * checkpointing its position in the job record.
 *
 * <p>Idempotency: snapshots have names derived from the job and disk, so taking them again finds
 * them; a slice writes absolute page contents, so a slice redone after a crash changes nothing more.
 * At most one slice is redone.
 */
@ApplicationScoped
public class ResyncDisks extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "resync";

    /** Output: one {@link DiskResult} per disk. */
    public static final OutputKey<List<DiskResult>> RESULTS = OutputKey.listOf("resync", DiskResult.class);
    /** Output: the source snapshot ids, one per disk, that the replicas now equal. */
    public static final OutputKey<List<String>> SOURCE_SNAPSHOTS = OutputKey.listOf("resyncSourceSnapshots",
            String.class);
    /** Job output: when the last source snapshot was taken, as Azure reports it (the first recovery point's time). */
    public static final OutputKey<Instant> CAPTURED_AT = OutputKey.named("resyncCapturedAt", Instant.class);

    private final Snapshots snapshots;
    private final ManagedDisks disks;
    private final ReplicaSlices slices;
    private final SyncConfig sync;
    private final StageConfig config;
    private final Clock clock;

    public ResyncDisks(Snapshots snapshots, ManagedDisks disks, ReplicaSlices slices, SyncConfig sync,
            StageConfig config, Clock clock) {
        super(NAME);
        this.snapshots = snapshots;
        this.disks = disks;
        this.slices = slices;
        this.sync = sync;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Where the resync stands.
     *
     * @param snapshotIds one source snapshot per disk, all taken when the stage started
     * @param disk the disk being synced
     * @param sync the engine's checkpoint on that disk
     * @param done what the sync did to the disks before it
     * @param diskBytes the size of each source disk, so that progress has its total from the start
     * @param capturedAt when the last source snapshot was taken, as Azure reports it ({@code timeCreated}): the
     *        first recovery point's time; null when Azure did not say, or in checkpoints written before it was kept
     */
    public record State(List<String> snapshotIds, int disk, SyncCheckpoint sync, List<DiskResult> done,
            List<Long> diskBytes, java.time.Instant capturedAt) {

        String snapshotId() {
            return snapshotIds.get(disk);
        }
    }

    /** What the resync did to one disk. */
    public record DiskResult(String sourceDiskId, long bytesExamined, long bytesCompared, long bytesWritten,
            long bytesCleared, long requests) {
    }

    /** The kind of transfer this stage reports in the bytes-moved metric. */
    public static final String BYTES_KIND = "resync";

    @Override
    public Outcome execute(StageContext context) {
        List<Outputs.Replica> replicas = context.require(Outputs.REPLICAS);
        Outputs.AccountRef account = context.require(Outputs.TARGET_STORAGE_ACCOUNT);
        // the source VM's group as the caller spelt it: the job's VM, unless the source is another VM (a
        // reprotect that reverses an item runs under the item's VM); a failover's final sync has only the job's
        String jobGroup = ResourceId.parse(context.job().vmId()).resourceGroup();
        String vmGroup = context.get(Outputs.SOURCE_VM).map(Outputs.VmSummary::resourceGroup)
                .filter(g -> !g.equalsIgnoreCase(jobGroup)).orElse(jobGroup);
        State state = context.checkpoint(State.class).orElseGet(() -> snapshotAll(context.job().id(), replicas,
                vmGroup, context.task().attempts() > 1));
        if (state.diskBytes() == null) { // a checkpoint written before sizes were recorded
            state = new State(state.snapshotIds(), state.disk(), state.sync(), state.done(),
                    replicas.stream().map(r -> sourceDisk(r.sourceDiskId()).sizeBytes()).toList(), state.capturedAt());
        }
        if (state.disk() >= replicas.size()) {
            return finish(state);
        }
        Outputs.Replica replica = replicas.get(state.disk());
        if (state.sync() == null) {
            state = new State(state.snapshotIds(), state.disk(), SyncCheckpoint.start(state.snapshotId()), state.done(),
                    state.diskBytes(), state.capturedAt());
        }
        SliceResult slice = runSlice(state, replica, account);
        if (slice.done()) {
            slices.done(state.snapshotId());
            List<DiskResult> done = new ArrayList<>(state.done());
            SyncProgress p = slice.progress();
            done.add(new DiskResult(replica.sourceDiskId(), p.bytesExamined(), p.bytesCompared(), p.bytesWritten(),
                    p.bytesCleared(), p.requests()));
            context.meters().bytesMoved(BYTES_KIND, p.bytesWritten());
            state = new State(state.snapshotIds(), state.disk() + 1, null, done, state.diskBytes(), state.capturedAt());
        } else {
            state = new State(state.snapshotIds(), state.disk(), slice.checkpoint(), state.done(), state.diskBytes(),
                    state.capturedAt());
        }
        // Every disk in sync: the checkpoint is saved before finish() deletes snapshots, so a retry of
        // finish (say, throttled while deleting) never syncs again from a snapshot already deleted.
        return Outcome.continueLater(StageContext.json(state), Duration.ZERO,
                progress(state, slice, context.task().startTime()));
    }

    /**
     * Ends read access to the source snapshots once every disk is in sync, and keeps them: the
     * replicas equal them, so they are the first replication cycle's base (the cycle deletes them
     * once its own snapshots replace them; disabling protection deletes them too).
     */
    private Outcome finish(State state) {
        state.snapshotIds().forEach(slices::done);
        if (state.capturedAt() == null) {
            return Outcome.next(RESULTS.of(state.done()), SOURCE_SNAPSHOTS.of(state.snapshotIds()));
        }
        return Outcome.next(RESULTS.of(state.done()), SOURCE_SNAPSHOTS.of(state.snapshotIds()),
                CAPTURED_AT.of(state.capturedAt()));
    }

    /** Snapshots every source disk, one right after the other, before any is read. */
    private State snapshotAll(String jobId, List<Outputs.Replica> replicas, String vmGroup, boolean rerun) {
        List<DiskInfo> sources = replicas.stream().map(r -> sourceDisk(r.sourceDiskId())).toList();
        List<SnapshotInfo> taken = new ArrayList<>();
        for (int disk = 0; disk < sources.size(); disk++) {
            taken.add(snapshot(jobId, disk, sources.get(disk), vmGroup, rerun));
        }
        return new State(taken.stream().map(SnapshotInfo::id).toList(), 0, null, List.of(),
                sources.stream().map(DiskInfo::sizeBytes).toList(), SnapshotInfo.latestTimeCreated(taken));
    }

    /** Takes (or finds, on a rerun) the snapshot the disk's sync reads. */
    private SnapshotInfo snapshot(String jobId, int disk, DiskInfo source, String vmGroup, boolean rerun) {
        ResourceId diskId = ResourceId.parse(source.id());
        String name = snapshotName(jobId, disk);
        // Compute returns attached-disk ids with the group upper-cased: create in the caller's spelling
        String group = ResourceId.callerCasing(diskId.resourceGroup(), vmGroup);
        // incremental: the last of these snapshots is the first replication cycle's base
        return snapshots.take(new SnapshotSpec(diskId.subscriptionId(), group, name, source.region(), source.id(), true,
                Map.of("created-by", "vm-reprotect", "reprotect-job", jobId)), rerun);
    }

    /** The name of the snapshot of disk number {@code disk} that job {@code jobId} reads. */
    public static String snapshotName(String jobId, int disk) {
        return "reprotect-" + jobId.substring(0, 8) + "-" + disk;
    }

    private DiskInfo sourceDisk(String sourceDiskId) {
        return disks.find(sourceDiskId).orElseThrow(() -> new PermanentStageException(JobError.of("SourceDiskNotFound",
                "Source disk " + sourceDiskId + " no longer exists.", "The disk was detached and deleted during reprotect.",
                "Reattach the disk, or start reprotect again.")));
    }

    private SliceResult runSlice(State state, Outputs.Replica replica, Outputs.AccountRef account) {
        return slices.run(state.snapshotId(), replica, account, state.sync());
    }

    /**
     * Progress over the disks' whole address space, whose size is known from the start: every byte
     * of the disks before the current one, plus the current disk up to the engine's position.
     */
    private TaskProgress progress(State state, SliceResult slice, java.time.Instant since) {
        List<Long> sizes = state.diskBytes();
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        long done = sizes.subList(0, state.disk()).stream().mapToLong(Long::longValue).sum()
                + (state.sync() == null ? 0 : Math.min(state.sync().nextOffset(), sizes.get(state.disk())));
        long written = state.done().stream().mapToLong(DiskResult::bytesWritten).sum()
                + (slice.done() ? 0 : slice.progress().bytesWritten());
        String detail = String.format("disk %d of %d: %d of %d MiB scanned in all, %d MiB written",
                Math.min(state.disk() + 1, sizes.size()), sizes.size(), done >> 20, total >> 20, written >> 20);
        return TaskProgress.measured(done, total, "bytes", since, clock.instant(), detail);
    }
}

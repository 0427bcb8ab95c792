package io.reprotect.stage;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.Snapshots;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.Stage;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.request.ResourceId;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.SyncProgress;
import io.reprotect.sync.blob.PageBlobSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
public class ResyncDisks implements StageHandler {

    /** Output: one {@link DiskResult} per disk. */
    public static final String RESULTS = "resync";

    private final Snapshots snapshots;
    private final ManagedDisks disks;
    private final DiskAccess diskAccess;
    private final BlobAccounts blobs;
    private final SyncConfig sync;
    private final StageConfig config;
    private final Clock clock;

    public ResyncDisks(Snapshots snapshots, ManagedDisks disks, DiskAccess diskAccess, BlobAccounts blobs, SyncConfig sync,
            StageConfig config, Clock clock) {
        this.snapshots = snapshots;
        this.disks = disks;
        this.diskAccess = diskAccess;
        this.blobs = blobs;
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
     */
    public record State(List<String> snapshotIds, int disk, SyncCheckpoint sync, List<DiskResult> done) {

        String snapshotId() {
            return snapshotIds.get(disk);
        }
    }

    /** What the resync did to one disk. */
    public record DiskResult(String sourceDiskId, long bytesExamined, long bytesCompared, long bytesWritten,
            long bytesCleared, long requests) {
    }

    @Override
    public Stage stage() {
        return Stage.RESYNC;
    }

    @Override
    public Outcome execute(StageContext context) {
        List<Outputs.Replica> replicas = Arrays.asList(context.output(Outputs.REPLICAS, Outputs.Replica[].class)
                .orElseThrow());
        Outputs.AccountRef account = context.output(Outputs.TARGET_STORAGE_ACCOUNT, Outputs.AccountRef.class)
                .orElseThrow();
        State state = context.checkpoint(State.class).orElseGet(() -> snapshotAll(context.job().id(), replicas));
        if (state.disk() >= replicas.size()) {
            return finish(state);
        }
        Outputs.Replica replica = replicas.get(state.disk());
        if (state.sync() == null) {
            state = new State(state.snapshotIds(), state.disk(), SyncCheckpoint.start(state.snapshotId()), state.done());
        }
        SliceResult slice = runSlice(state, replica, account);
        if (slice.done()) {
            diskAccess.revoke(state.snapshotId());
            List<DiskResult> done = new ArrayList<>(state.done());
            SyncProgress p = slice.progress();
            done.add(new DiskResult(replica.sourceDiskId(), p.bytesExamined(), p.bytesCompared(), p.bytesWritten(),
                    p.bytesCleared(), p.requests()));
            state = new State(state.snapshotIds(), state.disk() + 1, null, done);
        } else {
            state = new State(state.snapshotIds(), state.disk(), slice.checkpoint(), state.done());
        }
        // Every disk in sync: the checkpoint is saved before finish() deletes snapshots, so a retry of
        // finish (say, throttled while deleting) never syncs again from a snapshot already deleted.
        return Outcome.continueLater(StageContext.json(state), Duration.ZERO,
                progress(state, slice, replicas.size(), replica));
    }

    /**
     * Deletes the source snapshots once every disk is in sync (not before: a rerun after a crash
     * must find the same images).
     */
    private Outcome finish(State state) {
        state.snapshotIds().forEach(id -> {
            try {
                diskAccess.revoke(id);
            } catch (io.reprotect.cloud.CloudException.NotFound deletedByAnEarlierRun) {
                // finish() ran before and got as far as deleting this one
            }
            snapshots.delete(id);
        });
        return Outcome.next(Map.of(RESULTS, StageContext.json(state.done())));
    }

    /** Snapshots every source disk, one right after the other, before any is read. */
    private State snapshotAll(String jobId, List<Outputs.Replica> replicas) {
        List<String> ids = new ArrayList<>();
        for (int disk = 0; disk < replicas.size(); disk++) {
            ids.add(snapshot(jobId, disk, replicas.get(disk).sourceDiskId()));
        }
        return new State(ids, 0, null, List.of());
    }

    /** Takes (or finds, on a rerun) the snapshot the disk's sync reads. */
    private String snapshot(String jobId, int disk, String sourceDiskId) {
        ResourceId diskId = ResourceId.parse(sourceDiskId);
        String name = "reprotect-" + jobId.substring(0, 8) + "-" + disk;
        String region = snapshotsRegion(sourceDiskId);
        return snapshots.create(new SnapshotSpec(diskId.subscriptionId(), diskId.resourceGroup(), name, region, sourceDiskId, false,
                Map.of("created-by", "vm-reprotect", "reprotect-job", jobId))).id();
    }

    private String snapshotsRegion(String sourceDiskId) {
        return disks.find(sourceDiskId).orElseThrow(() -> new PermanentStageException(JobError.of("SourceDiskNotFound",
                "Source disk " + sourceDiskId + " no longer exists.", "The disk was detached and deleted during reprotect.",
                "Reattach the disk, or start reprotect again."))).region();
    }

    private SliceResult runSlice(State state, Outputs.Replica replica, Outputs.AccountRef account) {
        AccessGrant grant = diskAccess.grantRead(state.snapshotId(), config.diskAccessDuration());
        String sourceUrl = grant.sasUrl().toString();
        PageBlobClient source = new BlobClientBuilder().endpoint(sourceUrl).buildClient().getPageBlobClient();
        BlobContainerClient container = blobs.account(account.blobEndpoint())
                .getBlobContainerClient(replica.container());
        container.createIfNotExists();
        PageBlobClient target = container.getBlobClient(replica.blobName()).getPageBlobClient();
        long size = source.getProperties().getBlobSize();
        if (!target.exists()) {
            target.create(size);
        } else if (target.getProperties().getBlobSize() != size) {
            target.resize(size);
        }
        return PageBlobSync.engine(source, target, sync.writer(), sourceUrl, sync.options())
                .runSlice(state.sync(), sync.sliceLimits());
    }

    private TaskProgress progress(State state, SliceResult slice, int disks, Outputs.Replica replica) {
        SyncProgress p = slice.done() ? null : slice.progress();
        double diskPercent = p == null ? 0 : p.percent();
        int percent = (int) Math.min(99, (state.disk() * 100 + diskPercent) / disks);
        long done = state.done().stream().mapToLong(DiskResult::bytesExamined).sum() + (p == null ? 0 : p.bytesExamined());
        long total = state.done().stream().mapToLong(DiskResult::bytesExamined).sum() + (p == null ? 0 : p.totalBytes());
        String detail = p == null
                ? "disk " + state.disk() + " of " + disks + " done"
                : String.format("disk %d of %d: %d of %d MiB examined, %d MiB written, %d MiB cleared",
                        state.disk() + 1, disks, p.bytesExamined() >> 20, p.totalBytes() >> 20,
                        p.bytesWritten() >> 20, p.bytesCleared() >> 20);
        return new TaskProgress(done, total, "bytes", percent,
                p == null || p.etaSeconds() < 0 ? null : clock.instant().plusSeconds(p.etaSeconds()), detail);
    }
}

package io.reprotect.reprotect;

import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.BlobState;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.CopyStatus;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Plans one replica page blob per source disk and copies each disk of the old primary VM into
 * its replica as a seed, server-side, from a read-only SAS of the disk that lasts as long as a copy of the disk's
 * size needs ({@link SeedGrantDuration}). A copy that fails anyway (Copy Blob cannot continue at an offset) starts
 * again with a grant sized from the rate it achieved, at most {@link SeedGrantDuration#MAX_COPY_ATTEMPTS} times,
 * then the stage fails with {@code SeedCopyFailed}. Polls the copies through the pipeline and revokes disk access
 * when all are done.
 *
 * <p>Idempotency: the state of each copy is read from its blob (copy status, and the source disk
 * in its metadata), never assumed; a redelivered stage finds copies in flight or done and starts
 * only those that are missing or failed. SAS URLs are used in memory only, never stored or logged.
 */
@ApplicationScoped
public class CopySeed extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "copy-seed";

    /** Blob metadata key naming the disk a seed was copied from. */
    static final String SOURCE_METADATA = "seedsourcedisk";
    private static final Logger LOG = Logger.getLogger(CopySeed.class);

    private final DiskAccess diskAccess;
    private final ManagedDisks disks;
    private final PageBlobs blobs;
    private final StageConfig config;
    private final Clock clock;

    public CopySeed(DiskAccess diskAccess, ManagedDisks disks, PageBlobs blobs, StageConfig config, Clock clock) {
        super(NAME);
        this.diskAccess = diskAccess;
        this.disks = disks;
        this.blobs = blobs;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Checkpoint: the size in bytes of each replica's seed disk (0 without a seed), read once; and the disks whose
     * access is already revoked once all copies are done, so that a throttled revocation resumes where it stopped.
     */
    record SeedState(List<Long> bytes, List<String> revoked, Map<String, CopyRun> copies) {
        SeedState {
            revoked = revoked == null ? List.of() : List.copyOf(revoked);
            copies = copies == null ? Map.of() : Map.copyOf(copies);
        }

        SeedState withRevoked(String diskId) {
            List<String> more = new ArrayList<>(revoked);
            more.add(diskId);
            return new SeedState(bytes, more, copies);
        }

        SeedState withCopy(String diskId, CopyRun run) {
            Map<String, CopyRun> more = new java.util.HashMap<>(copies);
            more.put(diskId, run);
            return new SeedState(bytes, revoked, more);
        }
    }

    /**
     * The last copy started of one seed disk: how many were started in the stage's run {@code taskAttempt} (a resume
     * is a new run, with a fresh count), when the last one was, and its grant.
     */
    record CopyRun(int attempts, int taskAttempt, Instant startedAt, Duration grant) {

        int attemptsIn(int run) {
            return run == taskAttempt ? attempts : 0;
        }
    }

    /** The kind of transfer this stage reports in the bytes-moved metric. */
    public static final String BYTES_KIND = "seed";

    @Override
    public Outcome execute(StageContext context) {
        Outputs.VmSummary source = context.require(Outputs.SOURCE_VM);
        Optional<Outputs.VmSummary> target = context.get(Outputs.TARGET_VM);
        Outputs.AccountRef account = context.require(Outputs.TARGET_STORAGE_ACCOUNT);
        List<Outputs.Replica> replicas = plan(source, target.orElse(null), config.replicaContainer());
        Output planned = Outputs.REPLICAS.of(replicas);
        if (target.isEmpty()) {
            return Outcome.skipped(planned); // no old primary VM: replicas start empty, resync copies everything
        }
        blobs.createContainerIfMissing(account.blobEndpoint(), config.replicaContainer());

        SeedState state = context.checkpoint(SeedState.class).orElseGet(() -> firstState(replicas));
        long copied = 0;
        long total = 0;
        int inFlight = 0;
        for (int i = 0; i < replicas.size(); i++) {
            Outputs.Replica replica = replicas.get(i);
            if (replica.seedDiskId() == null) {
                continue;
            }
            long size = state.bytes().get(i);
            total += size;
            BlobRef blob = BlobRef.of(account.blobEndpoint(), config.replicaContainer(), replica.blobName());
            Optional<BlobState> props = blobs.find(blob);
            CopyStatus status = props.map(BlobState::copyStatus).orElse(null);
            boolean ours = props.map(p -> replica.seedDiskId().equals(p.metadata().get(SOURCE_METADATA)))
                    .orElse(false);
            if (CopyStatus.SUCCESS.equals(status) && ours) {
                copied += size;
                continue;
            }
            if (CopyStatus.PENDING.equals(status) && ours) {
                copied += Math.min(size, copiedBytes(props.get().copyProgress()));
                inFlight++;
                continue;
            }
            CopyRun last = state.copies().get(replica.seedDiskId());
            Duration grant = SeedGrantDuration.forDisk(size, config.diskAccessDuration());
            if (props.isPresent()) {
                if (ours && last != null && status != null && status.ended()) {
                    if (last.attemptsIn(context.task().attempts()) >= SeedGrantDuration.MAX_COPY_ATTEMPTS) {
                        return Outcome.fail(copyFailed(replica.seedDiskId(), last, props.get()));
                    }
                    Instant ended = Optional.ofNullable(props.get().copyCompletedAt()).orElse(clock.instant());
                    grant = SeedGrantDuration.afterFailedCopy(size, copiedBytes(props.get().copyProgress()),
                            Duration.between(last.startedAt(), ended), last.grant());
                }
                LOG.infof("job %s: seed %s is %s; copying it again with a grant of %s", context.job().id(),
                        replica.blobName(), status, grant);
                blobs.deleteIfExists(blob);
            }
            startCopy(blob, replica.seedDiskId(), grant);
            state = state.withCopy(replica.seedDiskId(),
                    new CopyRun(last == null ? 1 : last.attemptsIn(context.task().attempts()) + 1,
                            context.task().attempts(), clock.instant(), grant));
            inFlight++;
        }
        if (inFlight > 0) {
            return Outcome.continueLater(StageContext.json(state), config.pollInterval(),
                    TaskProgress.measured(copied, total, "bytes", context.task().startTime(), clock.instant(),
                            String.format("%d of %d MiB copied; %d seed cop%s in progress", copied >> 20,
                                    total >> 20, inFlight, inFlight == 1 ? "y" : "ies")));
        }
        List<String> seeds = replicas.stream().map(Outputs.Replica::seedDiskId).filter(d -> d != null).toList();
        for (String seed : seeds) {
            if (state.revoked().contains(seed)) {
                continue;
            }
            try {
                diskAccess.revoke(seed);
            } catch (CloudException.Throttled throttled) {
                // keep the revocations done so far: the retry must not spend the budget on them again
                return Outcome.continueLater(StageContext.json(state),
                        throttled.retryAfter() != null ? throttled.retryAfter() : config.pollInterval(),
                        TaskProgress.measured(total, total, "bytes", context.task().startTime(), clock.instant(),
                                String.format("all %d MiB copied; revoking disk access (%d of %d), throttled",
                                        total >> 20, state.revoked().size(), seeds.size())));
            }
            state = state.withRevoked(seed);
        }
        context.meters().bytesMoved(BYTES_KIND, total); // server-side copies, all finished now
        return Outcome.next(planned);
    }

    /**
     * One replica per source disk. The old primary's OS disk seeds the source OS disk, and each of its data
     * disks seeds the source data disk at the same LUN (never by position: LUNs may have gaps or differ).
     */
    static List<Outputs.Replica> plan(Outputs.VmSummary source, Outputs.VmSummary target, String container) {
        String folder = source.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + StorageAccountNames.cache(source.id()).substring("asrcache".length());
        List<Outputs.Replica> replicas = new ArrayList<>();
        replicas.add(replica(source.osDiskId(), target == null ? null : target.osDiskId(), -1, container, folder, 0));
        for (int i = 0; i < source.dataDiskIds().size(); i++) {
            int lun = source.dataDiskLuns().get(i);
            replicas.add(replica(source.dataDiskIds().get(i), target == null ? null : target.dataDiskAt(lun), lun,
                    container, folder, i + 1));
        }
        return replicas;
    }

    private static Outputs.Replica replica(String diskId, String seed, int lun, String container, String folder,
                                           int index) {
        String diskName = diskId.substring(diskId.lastIndexOf('/') + 1);
        return new Outputs.Replica(diskId, seed, container, folder + "/" + index + "-" + diskName + ".vhd", lun);
    }

    /** Starts the copy from a read SAS that lasts {@code duration} ({@link SeedGrantDuration}). */
    private void startCopy(BlobRef blob, String diskId, Duration duration) {
        AccessGrant grant = diskAccess.grantRead(diskId, duration);
        blobs.startCopy(blob, grant.sasUrl().toString(), Map.of(SOURCE_METADATA, diskId));
    }

    private static JobError copyFailed(String diskId, CopyRun last, BlobState props) {
        return JobError.of("SeedCopyFailed", "The seed copy of disk " + diskId + " failed " + last.attempts()
                        + " times (last: " + props.copyStatus() + ", " + props.copyStatusDescription() + ", "
                        + props.copyProgress() + " bytes copied, with a read grant of " + last.grant() + ").",
                "Each retry's grant was sized from the rate the failed copy achieved, so an expiring grant is unlikely;"
                        + " the storage account or the disk may be refusing the copy.",
                "Check the target storage account (firewall, capacity) and the disk, then resume the job: the copy "
                        + "starts again with a fresh count.");
    }

    /** The size of each replica's seed disk, so that the total is known before any copy reports. */
    private SeedState firstState(List<Outputs.Replica> replicas) {
        return new SeedState(replicas.stream().map(r -> r.seedDiskId() == null ? 0L
                : disks.find(r.seedDiskId()).map(DiskInfo::sizeBytes).orElse(0L)).toList(), List.of(), Map.of());
    }

    /** Bytes copied so far, from the copy progress header {@code bytesCopied/bytesTotal}; 0 if absent. */
    static long copiedBytes(String copyProgress) {
        if (copyProgress == null || !copyProgress.contains("/")) {
            return 0;
        }
        try {
            return Long.parseLong(copyProgress.substring(0, copyProgress.indexOf('/')).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.reprotect.reprotect;

import io.reprotect.cloud.PageBlobs;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.ReplicaSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Starts delta replication: takes the first recovery point, a snapshot of every replica blob, now
 * that the replicas equal the resync's source snapshots. Later points come from replication cycles.
 *
 * <p>Idempotency: each snapshot carries the job id in its metadata; a second run finds the
 * snapshots it took and takes no more.
 */
@ApplicationScoped
public class StartReplication extends NamedStage {

    /** The stage's name in {@link Workflows}. */
    public static final String NAME = "start-replication";

    private final PageBlobs blobs;
    private final Clock clock;

    public StartReplication(PageBlobs blobs, Clock clock) {
        super(NAME);
        this.blobs = blobs;
        this.clock = clock;
    }

    @Override
    public Outcome execute(StageContext context) {
        Outputs.AccountRef account = context.require(Outputs.TARGET_STORAGE_ACCOUNT);
        List<Outputs.Replica> replicas = context.require(Outputs.REPLICAS);
        String jobId = context.job().id();
        // the replicas hold the resync's source snapshots: the point's time is when Azure says the last was taken;
        // without it, now, which is after the capture (the point holds no write later than its time)
        java.time.Instant captured = context.get(ResyncDisks.CAPTURED_AT).orElseGet(clock::instant);
        RecoveryPoint point = new RecoveryPoint(jobId, captured,
                RecoveryPoint.CRASH_CONSISTENT, RecoveryPoint.sequentialSnapshotConsistency(replicas.size()),
                ReplicaSnapshots.take(blobs, account, replicas, jobId), RecoveryPoint.Capture.DiskSnapshots);
        return Outcome.next(Outputs.RECOVERY_POINT.of(point));
    }
}

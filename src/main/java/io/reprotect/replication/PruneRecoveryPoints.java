package io.reprotect.replication;

import io.reprotect.cloud.PageBlobs;
import io.reprotect.job.JobStore;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.RecoveryPointsInUse;
import io.reprotect.protection.ReplicaSnapshots;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Retention: deletes the recovery points older than the policy's {@code recoveryPointRetentionInHours},
 * never the newest, at most {@link ProtectionConfig#maxPrunedPerCycle()} per cycle (the rest go in
 * the next cycles). Application- and file-system-consistent points expire the same way, except the
 * newest of them, which stays until a newer one is taken at the policy's app-consistent frequency. A point in use
 * ({@link RecoveryPointsInUse}: a running drill or failover is creating disks from it, or the failed-over VM was
 * created from it) is never pruned; it expires in a later cycle once nothing uses it. What is in use is read from
 * the item as stored right before the deletes.
 *
 * <p>Idempotency: the replica snapshots are deleted first (already gone is success), then the
 * points are removed from the item; a rerun finds fewer or none.
 */
@Singleton
public class PruneRecoveryPoints extends CycleStage {

    public static final String NAME = "prune-recovery-points";
    /** Job output: the expired points kept because something uses them, each "id: who". */
    public static final OutputKey<List<String>> KEPT_IN_USE = OutputKey.listOf("recoveryPointsKeptInUse", String.class);
    /** Job output: how many expired points it deleted. */
    static final OutputKey<Integer> PRUNED = OutputKey.named("recoveryPointsPruned", Integer.class);

    private final PageBlobs blobs;
    private final ProtectionConfig config;
    private final Clock clock;
    private final JobStore jobs;

    public PruneRecoveryPoints(ProtectedItemStore items, PageBlobs blobs, ProtectionConfig config, Clock clock,
            JobStore jobs) {
        super(NAME, items);
        this.blobs = blobs;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        // the item read again right before the deletes: a drill may have started on an old point meanwhile
        ProtectedItem now = items.get(item.id()).orElse(item);
        Map<String, String> inUse = RecoveryPointsInUse.of(now, jobs);
        List<RecoveryPoint> expired = expired(now, clock.instant(), config.maxPrunedPerCycle(), inUse.keySet());
        List<String> kept = now.replicaSet().recoveryPoints().stream().filter(p -> inUse.containsKey(p.id()))
                .filter(p -> expired(now, clock.instant(), Integer.MAX_VALUE, Set.of()).contains(p))
                .map(p -> p.id() + ": " + inUse.get(p.id())).toList();
        expired.forEach(p -> ReplicaSnapshots.delete(blobs, item.placement().targetStorageAccount(), p));
        Set<String> ids = expired.stream().map(RecoveryPoint::id).collect(Collectors.toSet());
        items.change(item.id(), i -> i.withRecoveryPoints(i.replicaSet().recoveryPoints().stream()
                .filter(p -> !ids.contains(p.id())).toList()));
        return Outcome.next(PRUNED.of(expired.size()), KEPT_IN_USE.of(kept));
    }

    /**
     * The points past retention, oldest first, at most {@code max}; never the newest point, and never
     * the newest application-consistent one (it stays until a newer one replaces it).
     */
    static List<RecoveryPoint> expired(ProtectedItem item, Instant now, int max) {
        return expired(item, now, max, Set.of());
    }

    /** As {@link #expired(ProtectedItem, Instant, int)}, never one of the points {@code inUse}. */
    static List<RecoveryPoint> expired(ProtectedItem item, Instant now, int max, Set<String> inUse) {
        Instant cutoff = now.minus(Duration.ofHours(item.policy().recoveryPointRetentionInHours()));
        List<RecoveryPoint> points = item.replicaSet().recoveryPoints();
        String newestAppConsistent = points.stream().filter(p -> !RecoveryPoint.CRASH_CONSISTENT.equals(p.type()))
                .reduce((a, b) -> b).map(RecoveryPoint::id).orElse(null);
        return points.stream().limit(Math.max(0, points.size() - 1))
                .filter(p -> !p.id().equals(newestAppConsistent))
                .filter(p -> !inUse.contains(p.id()))
                .filter(p -> p.time().isBefore(cutoff)).limit(max).toList();
    }
}

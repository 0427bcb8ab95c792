package io.reprotect.replication;

import io.reprotect.cloud.BlobAccounts;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
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
 * newest of them, which stays until a newer one is taken at the policy's app-consistent frequency.
 *
 * <p>Idempotency: the replica snapshots are deleted first (already gone is success), then the
 * points are removed from the item; a rerun finds fewer or none.
 */
@Singleton
public class PruneRecoveryPoints extends CycleStage {

    public static final String NAME = "prune-recovery-points";

    private final BlobAccounts blobs;
    private final ProtectionConfig config;
    private final Clock clock;

    public PruneRecoveryPoints(ProtectedItemStore items, BlobAccounts blobs, ProtectionConfig config, Clock clock) {
        super(items);
        this.blobs = blobs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        List<RecoveryPoint> expired = expired(item, clock.instant(), config.maxPrunedPerCycle());
        expired.forEach(p -> ReplicaSnapshots.delete(blobs, item.targetStorageAccount(), p));
        Set<String> ids = expired.stream().map(RecoveryPoint::id).collect(Collectors.toSet());
        items.change(item.id(), i -> i.withRecoveryPoints(i.recoveryPoints().stream()
                .filter(p -> !ids.contains(p.id())).toList()));
        return Outcome.next(Map.of("recoveryPointsPruned", StageContext.json(expired.size())));
    }

    /**
     * The points past retention, oldest first, at most {@code max}; never the newest point, and never
     * the newest application-consistent one (it stays until a newer one replaces it).
     */
    static List<RecoveryPoint> expired(ProtectedItem item, Instant now, int max) {
        Instant cutoff = now.minus(Duration.ofHours(item.policy().recoveryPointRetentionInHours()));
        List<RecoveryPoint> points = item.recoveryPoints();
        String newestAppConsistent = points.stream().filter(p -> !RecoveryPoint.CRASH_CONSISTENT.equals(p.type()))
                .reduce((a, b) -> b).map(RecoveryPoint::id).orElse(null);
        return points.stream().limit(Math.max(0, points.size() - 1))
                .filter(p -> !p.id().equals(newestAppConsistent))
                .filter(p -> p.time().isBefore(cutoff)).limit(max).toList();
    }
}

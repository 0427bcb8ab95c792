package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.ReplicaSet;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.request.ReplicationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which recovery points retention removes. */
class RetentionTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static ProtectedItem withPointsAgedMinutes(int retentionHours, int... ages) {
        List<RecoveryPoint> points = new ArrayList<>();
        for (int age : ages) {
            points.add(new RecoveryPoint("p" + age, NOW.minus(Duration.ofMinutes(age)), RecoveryPoint.CRASH_CONSISTENT,
                    RecoveryPoint.PER_DISK, List.of(), RecoveryPoint.Capture.DiskSnapshots));
        }
        return new ProtectedItem("id", "vm", Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "rg", null,
                        new Outputs.AccountRef("a", "a", "http://a/"), null, null),
                new ReplicationPolicy(retentionHours, 5, 0), new ReplicaSet(List.of(), List.of(), List.of(), points),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(), new ProtectionOrigin("job", NOW, null));
    }

    @Test
    void exactlyThePointsOlderThanTheRetentionGoOldestFirst() {
        ProtectedItem item = withPointsAgedMinutes(1, 130, 95, 61, 60, 30, 0);
        assertThat(PruneRecoveryPoints.expired(item, NOW, 16)).extracting(RecoveryPoint::id)
                .containsExactly("p130", "p95", "p61");
    }

    @Test
    void theNewestPointIsKeptEvenWhenItHasExpired() {
        ProtectedItem item = withPointsAgedMinutes(1, 300, 200);
        assertThat(PruneRecoveryPoints.expired(item, NOW, 16)).extracting(RecoveryPoint::id).containsExactly("p300");
    }

    @Test
    void oneCycleRemovesAtMostTheConfiguredNumber() {
        ProtectedItem item = withPointsAgedMinutes(1, 500, 400, 300, 200, 100, 0);
        assertThat(PruneRecoveryPoints.expired(item, NOW, 2)).extracting(RecoveryPoint::id)
                .containsExactly("p500", "p400");
    }

    @Test
    void theNewestApplicationConsistentPointOutlivesTheRetentionUntilANewerOneIsTaken() {
        ProtectedItem item = withPointsAgedMinutes(1, 300, 200, 100, 0);
        List<RecoveryPoint> points = new ArrayList<>(item.replicaSet().recoveryPoints());
        points.set(1, new RecoveryPoint("p200", points.get(1).time(), RecoveryPoint.APPLICATION_CONSISTENT,
                RecoveryPoint.APPLICATION_CONSISTENT, List.of(),
                RecoveryPoint.Capture.ApplicationConsistentRestorePoint));
        assertThat(PruneRecoveryPoints.expired(item.withRecoveryPoints(points), NOW, 16)).extracting(RecoveryPoint::id)
                .containsExactly("p300", "p100");
        points.set(2, new RecoveryPoint("p100", points.get(2).time(), RecoveryPoint.APPLICATION_CONSISTENT,
                RecoveryPoint.APPLICATION_CONSISTENT, List.of(),
                RecoveryPoint.Capture.ApplicationConsistentRestorePoint));
        assertThat(PruneRecoveryPoints.expired(item.withRecoveryPoints(points), NOW, 16)).extracting(RecoveryPoint::id)
                .as("a newer application-consistent point replaces it").containsExactly("p300", "p200");
    }
}

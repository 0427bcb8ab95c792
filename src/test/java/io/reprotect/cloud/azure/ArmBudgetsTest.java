package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ArmBudgetsTest {

    static final String SUB = "00000000-0000-0000-0000-0000000a4e00";
    static final String SNAPSHOT_PUT = "PUT providers/microsoft.compute/snapshots";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void callsGoOnWhileBudgetsAreHealthy() {
        ArmBudgets b = new ArmBudgets(0.05);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", "Microsoft.Compute/HighCostSnapshotCreate3Min;119", T0);
        assertTrue(b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0).isEmpty());
    }

    @Test
    void armWriteBucketAtItsReserveHoldsWritesUntilRefilledButNotReads() {
        ArmBudgets b = new ArmBudgets(0.05);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", null, T0);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "8", null, T0.plusSeconds(1));
        ArmBudgets.Wait wait = b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0.plusSeconds(1)).orElseThrow();
        assertEquals("writes", wait.budget());
        // reserve ceil(199 x 5 %) = 10: 3 tokens short at ARM's 10 writes/s, held at least MIN_WAIT
        assertEquals(ArmBudgets.MIN_WAIT, wait.delay());
        assertTrue(b.waitBefore(SUB, "GET providers/microsoft.compute/snapshots", "reads", T0.plusSeconds(1)).isEmpty());
        assertTrue(b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0.plusSeconds(2)).isEmpty(), "refilled by then");
    }

    @Test
    void aBudgetStillAtItsReserveAfterAWaitIsWaitedForTwiceAsLongUntilItRefills() {
        ArmBudgets b = new ArmBudgets(0.05);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", null, T0);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "9", null, T0); // reserve ceil(199 x 5 %) = 10
        assertEquals(ArmBudgets.MIN_WAIT, b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0).orElseThrow().delay());
        // the wait passed, one call went, and the budget is at its reserve again: it refills slower than ARM's 10/s
        Instant t1 = T0.plusSeconds(1);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "9", null, t1);
        assertEquals(Duration.ofSeconds(2), b.waitBefore(SUB, SNAPSHOT_PUT, "writes", t1).orElseThrow().delay());
        Instant t2 = t1.plusSeconds(2);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "10", null, t2);
        assertEquals(Duration.ofSeconds(4), b.waitBefore(SUB, SNAPSHOT_PUT, "writes", t2).orElseThrow().delay());
        // refilled well past the reserve: back to the estimate
        Instant t3 = t2.plusSeconds(4);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "150", null, t3);
        assertTrue(b.waitBefore(SUB, SNAPSHOT_PUT, "writes", t3).isEmpty());
        b.heard(SUB, SNAPSHOT_PUT, "writes", "9", null, t3);
        assertEquals(ArmBudgets.MIN_WAIT, b.waitBefore(SUB, SNAPSHOT_PUT, "writes", t3).orElseThrow().delay());
    }

    @Test
    void computePolicyLowHoldsOnlyCallsOfTheShapesThatDrawOnIt() {
        ArmBudgets b = new ArmBudgets(0.05);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", "Microsoft.Compute/HighCostSnapshotCreate3Min;119,"
                + "Microsoft.Compute/HighCostSnapshotCreate30Min;959", T0);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "198", "Microsoft.Compute/HighCostSnapshotCreate3Min;2,"
                + "Microsoft.Compute/HighCostSnapshotCreate30Min;900", T0);
        ArmBudgets.Wait wait = b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0).orElseThrow();
        assertEquals("Microsoft.Compute/HighCostSnapshotCreate3Min", wait.budget());
        // reserve ceil(119 x 5 %) = 6; 5 calls short of 119 per 3 min: 180 s x 5 / 119
        assertEquals(Duration.ofMillis(180_000L * 5 / 119), wait.delay());
        assertTrue(b.waitBefore(SUB, "PUT providers/microsoft.compute/disks", "writes", T0).isEmpty());
        assertTrue(b.waitBefore("11111111-0000-0000-0000-000000000000", SNAPSHOT_PUT, "writes", T0).isEmpty(),
                "another subscription has its own budgets");
    }

    @Test
    void zeroReserveNeverHoldsAndNonsenseHeadersAreIgnored() {
        ArmBudgets off = new ArmBudgets(0);
        off.heard(SUB, SNAPSHOT_PUT, "writes", "0", "Microsoft.Compute/X3Min;0", T0);
        assertTrue(off.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0).isEmpty());
        ArmBudgets b = new ArmBudgets(0.05);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "lots", "garbage;;,Microsoft.Compute/X3Min;abc", T0);
        assertTrue(b.waitBefore(SUB, SNAPSHOT_PUT, "writes", T0).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new ArmBudgets(1));
    }
    @Test
    void everyBudgetAnAnswerReportsIsLoggedWithItsRemainingAndTimeAtMostOncePerMinute() {
        ArmBudgets b = new ArmBudgets(0.05);
        List<String> lines = new ArrayList<>();
        b.logTo(lines::add);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", "2999", "Microsoft.Compute/HighCostSnapshotCreate3Min;119", T0);
        assertEquals(List.of(
                "arm-budget subscription=" + SUB + " budget=writes remaining=199 at=2026-01-01T00:00:00Z",
                "arm-budget subscription=" + SUB + " budget=global-writes remaining=2999 at=2026-01-01T00:00:00Z",
                "arm-budget subscription=" + SUB + " budget=Microsoft.Compute/HighCostSnapshotCreate3Min remaining=119 "
                        + "at=2026-01-01T00:00:00Z"), lines);

        lines.clear();
        b.heard(SUB, SNAPSHOT_PUT, "writes", "198", "2998", "Microsoft.Compute/HighCostSnapshotCreate3Min;118",
                T0.plusSeconds(10));
        assertEquals(List.of(), lines, "within the minute, nothing new to say");
        b.heard(SUB, SNAPSHOT_PUT, "writes", "197", null, "Microsoft.Compute/HighCostSnapshotCreate3Min;40",
                T0.plusSeconds(20));
        assertEquals(List.of("arm-budget subscription=" + SUB + " budget=Microsoft.Compute/HighCostSnapshotCreate3Min "
                + "remaining=40 at=2026-01-01T00:00:20Z"), lines, "a budget falling below half is logged at once");
        lines.clear();
        b.heard(SUB, SNAPSHOT_PUT, "writes", "190", null, null, T0.plusSeconds(60));
        assertEquals(List.of("arm-budget subscription=" + SUB + " budget=writes remaining=190 at=2026-01-01T00:01:00Z"),
                lines, "a minute later, again");
    }

    @Test
    void everyBudgetAsLastHeardIsAGaugeByBudgetAndSubscription() {
        ArmBudgets b = new ArmBudgets(0.05);
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        b.reportTo(meters.get("io.reprotect"));
        b.heard(SUB, SNAPSHOT_PUT, "writes", "199", "2999", "Microsoft.Compute/HighCostSnapshotCreate3Min;119", T0);
        b.heard(SUB, SNAPSHOT_PUT, "writes", "198", "2998", "Microsoft.Compute/HighCostSnapshotCreate3Min;117", T0);

        Map<String, Long> gauge = new TreeMap<>();
        reader.collectAllMetrics().stream().filter(m -> m.getName().equals(ArmBudgets.REMAINING_METRIC))
                .flatMap(m -> m.getLongGaugeData().getPoints().stream())
                .forEach(p -> {
                    assertEquals(SUB, p.getAttributes().get(ArmBudgets.SUBSCRIPTION));
                    gauge.put(p.getAttributes().get(ArmBudgets.BUDGET), p.getValue());
                });
        assertEquals(Map.of("writes", 198L, "global-writes", 2998L, "Microsoft.Compute/HighCostSnapshotCreate3Min", 117L),
                gauge);
    }
}

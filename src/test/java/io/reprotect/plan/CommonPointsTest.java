package io.reprotect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.protection.RecoveryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The point of every item at one common time, and the skew between them. */
class CommonPointsTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    private static RecoveryPoint point(String id, int minutes) {
        return new RecoveryPoint(id, T.plus(Duration.ofMinutes(minutes)), RecoveryPoint.CRASH_CONSISTENT,
                RecoveryPoint.PER_DISK, List.of(), RecoveryPoint.Capture.DiskSnapshots);
    }

    private static Map<String, List<RecoveryPoint>> points() {
        Map<String, List<RecoveryPoint>> byItem = new LinkedHashMap<>();
        byItem.put("db", List.of(point("db-1", 0), point("db-2", 30), point("db-3", 60)));
        byItem.put("app", List.of(point("app-1", 5), point("app-2", 40)));
        byItem.put("web", List.of(point("web-1", 12), point("web-2", 52)));
        return byItem;
    }

    @Test
    void withoutATimeEveryItemTakesItsNewestPointNotAfterTheOldestOfTheItemsNewestPoints() {
        CommonPoints chosen = CommonPoints.choose(points(), null);

        assertThat(chosen.commonTime()).as("app's newest point is the oldest newest").isEqualTo(T.plusSeconds(40 * 60));
        assertThat(chosen.choices()).extracting(CommonPoints.Choice::recoveryPointId)
                .containsExactly("db-2", "app-2", "web-1");
        assertThat(chosen.largestSkew()).as("web-1 at :12 to app-2 at :40").isEqualTo(Duration.ofMinutes(28));
        assertThat(chosen.missing()).isEmpty();
    }

    @Test
    void aGivenTimePicksTheNewestPointNotAfterItAndNamesItemsWithoutOne() {
        CommonPoints chosen = CommonPoints.choose(points(), T.plusSeconds(10 * 60));

        assertThat(chosen.choices()).extracting(CommonPoints.Choice::recoveryPointId).containsExactly("db-1", "app-1");
        assertThat(chosen.missing()).containsExactly("web");
        assertThat(chosen.largestSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(chosen.choiceFor("db").orElseThrow().consistency()).isEqualTo(RecoveryPoint.PER_DISK);
    }

    @Test
    void aPointExactlyAtTheTimeCounts() {
        CommonPoints chosen = CommonPoints.choose(points(), T.plusSeconds(30 * 60));
        assertThat(chosen.choiceFor("db").orElseThrow().recoveryPointId()).isEqualTo("db-2");
    }

    @Test
    void whenAnItemsFirstPointIsLaterThanAnotherItemsNewestTheCommonTimeIsThatFirstPoint() {
        Map<String, List<RecoveryPoint>> byItem = new LinkedHashMap<>();
        byItem.put("db", List.of(point("db-1", 0)));
        byItem.put("app", List.of(point("app-1", 10), point("app-2", 20)));

        CommonPoints chosen = CommonPoints.choose(byItem, null);

        assertThat(chosen.commonTime()).isEqualTo(T.plusSeconds(10 * 60));
        assertThat(chosen.choices()).extracting(CommonPoints.Choice::recoveryPointId).containsExactly("db-1", "app-1");
        assertThat(chosen.largestSkew()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anItemWithoutAnyPointLeavesNoCommonTime() {
        Map<String, List<RecoveryPoint>> byItem = points();
        byItem.put("new", List.of());

        CommonPoints chosen = CommonPoints.choose(byItem, null);

        assertThat(chosen.commonTime()).isNull();
        assertThat(chosen.missing()).containsExactly("db", "app", "web", "new");
    }

    @Test
    void aDrillAtACommonPointStartsEveryItemFromItsChosenPointAndAnItemWithoutOneFailsThePlanFirst() {
        List<String> events = new java.util.ArrayList<>();
        FakeItemJobs items = new FakeItemJobs(events);
        items.points.putAll(points());
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(new RecoveryPlan.Group(List.of("db", "app"), null,
                null), new RecoveryPlan.Group(List.of("web"), null, null)));
        PlanRequest request = new PlanRequest(PlanOperation.TEST_FAILOVER, null, true, "vnet-test", null, null, false);
        PlanJobDriver job = new PlanJobDriver(plan, request);

        assertThat(job.check(new CheckPlanItems(items))).isTrue();
        job.run(new RunPlanGroups(items, new FakePlanActions(events), 10, Duration.ofSeconds(15)), items::endRunning);

        assertThat(job.succeeded).isTrue();
        assertThat(items.started.values()).extracting(ItemJobs.ItemStart::recoveryPointId)
                .containsExactly("db-2", "app-2", "web-1");
        assertThat(items.started.values()).extracting(ItemJobs.ItemStart::networkId).containsOnly("vnet-test");
        assertThat(PlanOutputs.POINTS.read(job.outputs).orElseThrow().largestSkew()).isEqualTo(Duration.ofMinutes(28));

        PlanJobDriver early = new PlanJobDriver(plan, new PlanRequest(PlanOperation.UNPLANNED_FAILOVER,
                T.plusSeconds(10 * 60), false, null, null, null, false));
        assertThat(early.check(new CheckPlanItems(items))).isFalse();
        assertThat(early.failure.message()).contains("item web (group 2)").contains("no recovery point at or before");
    }
}

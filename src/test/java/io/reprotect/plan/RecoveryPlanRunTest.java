package io.reprotect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan job's order, bounds and stops, with item jobs and actions the test controls. */
class RecoveryPlanRunTest {

    final List<String> events = new ArrayList<>();
    final FakeItemJobs items = new FakeItemJobs(events);
    final FakePlanActions actions = new FakePlanActions(events);

    private static RecoveryPlan.Group group(List<PlanAction> pre, List<PlanAction> post, String... ids) {
        return new RecoveryPlan.Group(List.of(ids), pre, post);
    }

    private PlanJobDriver run(RecoveryPlan plan, PlanOperation operation, int parallel) {
        PlanJobDriver driver = new PlanJobDriver(plan, PlanRequest.of(operation));
        if (driver.check(new CheckPlanItems(items))) {
            driver.run(new RunPlanGroups(items, actions, parallel, Duration.ofSeconds(15)), items::endRunning);
        }
        return driver;
    }

    @Test
    void groupsRunInOrderAndTheNextStartsOnlyWhenEveryItemJobOfTheLastHasEnded() {
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(), List.of(), "db"),
                group(List.of(), List.of(), "app1", "app2"), group(List.of(), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.PLANNED_FAILOVER, 10);

        assertThat(job.succeeded).isTrue();
        assertThat(events).containsExactly("start db", "end db", "start app1", "start app2", "end app1", "end app2",
                "start web", "end web");
        PlanRun record = job.record();
        assertThat(record.groups()).extracting(PlanRun.GroupRun::status).containsOnly(PlanRun.GroupStatus.SUCCEEDED);
        assertThat(record.groups().get(1).items()).allSatisfy(i -> {
            assertThat(i.jobId()).as("the record links each item's job").isEqualTo(
                    PlanCheck.itemJobId(PlanJobDriver.JOB_ID, i.itemId(), PlanOperation.PLANNED_FAILOVER));
            assertThat(i.status()).isEqualTo(PlanRun.ItemStatus.SUCCEEDED);
        });
        assertThat(record.nextStep()).contains("commit");
    }

    @Test
    void aGroupRunsAtMostTheBoundOfItemJobsAtOnceAndStartsTheRestAsOthersEnd() {
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(), List.of(), "a", "b", "c", "d",
                "e")));

        PlanJobDriver job = run(plan, PlanOperation.TEST_FAILOVER_CLEANUP, 2);

        assertThat(job.succeeded).isTrue();
        assertThat(items.mostRunningAtOnce).isEqualTo(2);
        assertThat(items.started).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(events.subList(0, 3)).containsExactly("start a", "start b", "end a");
    }

    @Test
    void aFailedItemLetsItsGroupEndThenStopsThePlanAndTheRecordSaysWhatRanAndWhatDidNot() {
        items.failing.add("app1");
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(), List.of(), "db"),
                group(List.of(), List.of(FakePlanActions.manual("switch-dns", true)), "app1", "app2"),
                group(List.of(), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.UNPLANNED_FAILOVER, 10);

        assertThat(job.succeeded).isFalse();
        assertThat(job.failure.code()).isEqualTo("PlanStopped");
        assertThat(job.failure.message()).contains("group 2").contains("app1");
        assertThat(events).as("app2 ran to its end; the post-action and group 3 never started")
                .containsExactly("start db", "end db", "start app1", "start app2", "end app1", "end app2");
        PlanRun record = job.record();
        assertThat(record.stopped()).isTrue();
        assertThat(record.groups()).extracting(PlanRun.GroupRun::status).containsExactly(
                PlanRun.GroupStatus.SUCCEEDED, PlanRun.GroupStatus.FAILED, PlanRun.GroupStatus.NOT_STARTED);
        assertThat(record.groups().get(1).items()).extracting(PlanRun.ItemRun::status)
                .containsExactly(PlanRun.ItemStatus.FAILED, PlanRun.ItemStatus.SUCCEEDED);
        assertThat(record.groups().get(1).items().get(0).message()).contains("VmStartFailed");
        assertThat(record.groups().get(1).postActions()).singleElement()
                .satisfies(a -> assertThat(a.run()).as("never started").isNull());
        assertThat(record.groups().get(2).items()).extracting(PlanRun.ItemRun::jobId).containsOnlyNulls();
        assertThat(record.nextStep()).contains("Groups 3-3 did not start").contains("cancel on the plan");
        assertThat(job.failure.recommendedAction()).isEqualTo(record.nextStep());
    }

    @Test
    void preActionsRunInOrderBeforeTheGroupsItemsAndPostActionsAfterThem() {
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(
                group(List.of(FakePlanActions.manual("stop-batch", true), FakePlanActions.manual("notify", false)),
                        List.of(FakePlanActions.manual("switch-dns", true)), "db"),
                group(List.of(), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.PLANNED_FAILOVER, 10);

        assertThat(job.succeeded).isTrue();
        assertThat(events).containsExactly("start action stop-batch", "end action stop-batch", "start action notify",
                "end action notify", "start db", "end db", "start action switch-dns", "end action switch-dns",
                "start web", "end web");
        assertThat(job.record().groups().get(0).preActions()).extracting(a -> a.run().actionId())
                .containsExactly("group-1-pre-stop-batch", "group-1-pre-notify");
    }

    @Test
    void aFailedActionThatStopsThePlanStartsNoItemButOneThatDoesNotLetsThePlanGoOn() {
        actions.failing.add("notify");
        actions.failing.add("stop-batch");
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(
                group(List.of(FakePlanActions.manual("notify", false)), List.of(), "db"),
                group(List.of(FakePlanActions.manual("stop-batch", true)), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.PLANNED_FAILOVER, 10);

        assertThat(job.failure.code()).isEqualTo("PlanStopped");
        assertThat(events).containsExactly("start action notify", "end action notify", "start db", "end db",
                "start action stop-batch", "end action stop-batch");
        PlanRun record = job.record();
        assertThat(record.groups().get(0).status()).isEqualTo(PlanRun.GroupStatus.SUCCEEDED);
        assertThat(record.groups().get(0).preActions().get(0).run().status()).as("kept in the record")
                .isEqualTo(ActionRun.Status.FAILED);
        assertThat(record.groups().get(1).message()).contains("pre-action stop-batch ended FAILED");
        assertThat(items.started).doesNotContainKey("web");
    }

    @Test
    void anItemWhoseStateForbidsTheOperationFailsThePlanBeforeAnythingRuns() {
        items.refusals.put("web", "Commit is not allowed while the item is in Protected; allowed now: PlannedFailover");
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(FakePlanActions.manual("a", true)),
                List.of(), "db"), group(List.of(), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.COMMIT, 10);

        assertThat(job.failure.code()).isEqualTo("PlanItemsNotAllowed");
        assertThat(job.failure.message()).contains("item web (group 2)").contains("Protected")
                .contains("Nothing was started");
        assertThat(events).as("no action, no item job").isEmpty();
    }

    @Test
    void aCancelSkipsTheItemsThatNeverFailedOverSoThePlanCanUndoWhatRanBeforeItStopped() {
        items.nothingToDo.add("web");
        items.refusals.put("web", "CancelFailover is not allowed while the item is in Protected");
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(), List.of(), "db"),
                group(List.of(), List.of(), "web")));

        PlanJobDriver job = run(plan, PlanOperation.CANCEL, 10);

        assertThat(job.succeeded).isTrue();
        assertThat(events).containsExactly("start db", "end db");
        assertThat(job.record().groups().get(1).items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(PlanRun.ItemStatus.SKIPPED);
            assertThat(i.jobId()).isNull();
        });
    }

    @Test
    void aRerunFromAnOlderCheckpointStartsNoItemJobOrActionTwice() {
        RecoveryPlan plan = new RecoveryPlan("app", null, List.of(group(List.of(FakePlanActions.manual("pre", true)),
                List.of(), "db", "app1")));
        PlanJobDriver job = new PlanJobDriver(plan, PlanRequest.of(PlanOperation.PLANNED_FAILOVER));
        job.check(new CheckPlanItems(items));
        RunPlanGroups stage = new RunPlanGroups(items, actions, 10, Duration.ofSeconds(15));
        List<com.fasterxml.jackson.databind.JsonNode> checkpoints = new ArrayList<>();
        job.run(stage, () -> {
            checkpoints.add(job.checkpoint);
            if (checkpoints.size() == 2) {
                job.checkpoint = checkpoints.get(0); // the save of the second slice was lost: it runs again
            }
            if (checkpoints.size() > 3) {
                items.endRunning();
            }
        });

        assertThat(job.succeeded).isTrue();
        assertThat(items.starts).isEqualTo(2);
        assertThat(events.stream().filter(e -> e.startsWith("start action"))).hasSize(1);
    }
}

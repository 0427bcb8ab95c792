package io.reprotect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageContext;
import io.reprotect.plan.CheckPlanItems;
import io.reprotect.plan.ItemJobs;
import io.reprotect.testkit.NoPlanActions;
import io.reprotect.plan.PlanOperation;
import io.reprotect.plan.PlanOutputs;
import io.reprotect.plan.PlanRequest;
import io.reprotect.plan.PlanRun;
import io.reprotect.plan.RecoveryPlan;
import io.reprotect.plan.RunPlanGroups;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.testkit.ReprotectFixture;
import io.reprotect.whatif.WhatIf;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Plan failover: wall time and the app's own time for the 3-VM plan on the stand-ins (real item jobs), and the plan
 * job's own work for 50 simulated items (each item job a fixed time of Azure work), against the single-VM
 * failover's figures ({@link FailoverBenchmark}). A benchmark, not a test: run it with
 * {@code ./mvnw -B test -Dtest=RecoveryPlanBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RecoveryPlanBenchmark {

    static final long PAUSE_MILLIS = 50;
    static final long SDK_POLL_MILLIS = 20;
    /** Azure time one simulated item's planned failover takes (deallocate, final cycle, import, create, start). */
    static final Duration SIMULATED_ITEM_JOB = Duration.ofMinutes(8);

    @Test
    void plannedFailoverOfAThreeVmPlanOnTheStandIns() {
        try (ReprotectFixture f = new ReprotectFixture()) {
            List<DemoRegionPair> vms = List.of(f.demo, DemoSeed.seed(f.arm, f.arm.subscriptionId(), "-2"),
                    DemoSeed.seed(f.arm, f.arm.subscriptionId(), "-3"));
            for (DemoRegionPair vm : vms) {
                assertThat(f.runToEnd(f.submit(f.request(vm.sourceVmId(), "")).id()).state())
                        .isEqualTo(JobState.Succeeded);
            }
            List<String> items = vms.stream().map(v -> ProtectedItemStore.idOf(v.sourceVmId())).toList();
            f.plans.put(new RecoveryPlan("shop", null, List.of(new RecoveryPlan.Group(List.of(items.get(0)), null, null),
                    new RecoveryPlan.Group(List.of(items.get(1), items.get(2)), null, null))), null, null);

            String planJob = f.planService.start("shop", PlanRequest.of(PlanOperation.PLANNED_FAILOVER), null).id();
            int logBefore = f.arm.actionLog().size();
            long start = System.nanoTime();
            int pauses = 0;
            for (int round = 0; round < 20000 && !f.job(planJob).state().ended(); round++) {
                if (f.host.deliverDue() > 0) {
                    continue;
                }
                Optional<Instant> next = f.queue.nextScheduled(f.host.listenedQueues());
                if (next.isEmpty()) {
                    break;
                }
                sleep(PAUSE_MILLIS);
                pauses++;
                Duration wait = Duration.between(f.queue.now(), next.get());
                f.queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            Job plan = f.job(planJob);
            assertThat(plan.state()).as(ReprotectFixture.describe(plan)).isEqualTo(JobState.Succeeded);
            long polls = f.arm.actionLog().subList(logBefore, f.arm.actionLog().size()).stream()
                    .map(a -> a.toLowerCase(java.util.Locale.ROOT))
                    .filter(a -> a.contains("/locations/") && a.contains("operations/read")).count();
            long waits = pauses * PAUSE_MILLIS + polls * SDK_POLL_MILLIS;
            PlanRun run = PlanOutputs.RUN.read(plan).orElseThrow();
            List<Long> itemMillis = new ArrayList<>();
            run.groups().forEach(g -> g.items().forEach(i -> {
                Job itemJob = f.job(i.jobId());
                itemMillis.add(Duration.between(itemJob.createdAt(), itemJob.updatedAt()).toMillis());
            }));
            System.out.println("| Run | wall ms | app ms | simulated Azure waits ms |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| plan planned failover, 3 VMs in 2 groups | %d | %d | %d (%d pauses, %d operation polls) |%n",
                    wall, wall - waits, waits, pauses, polls);
            System.out.println("item jobs, queue-clock ms from creation to end: " + itemMillis);
        }
    }

    @Test
    void planJobOwnWorkForFiftySimulatedItems() {
        List<RecoveryPlan.Group> groups = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            int first = g * 10;
            groups.add(new RecoveryPlan.Group(IntStream.range(first, first + 10).mapToObj(i -> "item-" + i).toList(),
                    null, null));
        }
        RecoveryPlan plan = new RecoveryPlan("big", null, groups);
        SimulatedItems items = new SimulatedItems();
        Map<String, JsonNode> outputs = new HashMap<>(Output.map(PlanOutputs.PLAN.of(plan),
                PlanOutputs.REQUEST.of(PlanRequest.of(PlanOperation.PLANNED_FAILOVER))));
        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        items.now = t0;
        Outcome checked = new CheckPlanItems(items).execute(context(new CheckPlanItems(items).stage(), outputs, null, t0));
        outputs.putAll(((Outcome.Next) checked).outputs());
        RunPlanGroups stage = new RunPlanGroups(items, new NoPlanActions(), 10, Duration.ofSeconds(15));
        JsonNode checkpoint = null;
        long ownNanos = 0;
        int slices = 0;
        int largestRecord = 0;
        while (true) {
            slices++;
            long start = System.nanoTime();
            Outcome outcome = stage.execute(context(stage.stage(), outputs, checkpoint, items.now));
            if (outcome instanceof Outcome.ContinueLater later) {
                checkpoint = later.checkpoint();
                outputs.putAll(later.outputs());
                largestRecord = Math.max(largestRecord, JobJson.write(outputs).length);
                ownNanos += System.nanoTime() - start;
                items.now = items.now.plus(later.delay().isZero() ? Duration.ofMillis(1) : later.delay());
                continue;
            }
            ownNanos += System.nanoTime() - start;
            assertThat(outcome).isInstanceOf(Outcome.Next.class);
            break;
        }
        Duration simulated = Duration.between(t0, items.now);
        System.out.printf("50 simulated items, 5 groups of 10, bound 10, %s per item job: plan wall (simulated) %s; "
                + "plan stage slices %d; plan stage's own time %.1f ms in all (%.2f ms per slice); largest outputs "
                + "record %d bytes%n", SIMULATED_ITEM_JOB, simulated, slices, ownNanos / 1e6, ownNanos / 1e6 / slices,
                largestRecord);
    }

    private static StageContext context(String stage, Map<String, JsonNode> outputs, JsonNode checkpoint, Instant now) {
        Task task = Task.notStarted(stage, stage).withCheckpoint(checkpoint);
        Job job = new Job("plan-bench", "recovery-plan", "recovery-plan:big", null, JobState.InProgress, List.of(task),
                false, null, 0, outputs, now, now);
        return new StageContext(job, task, now);
    }

    /** Item jobs that each end {@link #SIMULATED_ITEM_JOB} after they start, on the simulated clock. */
    static final class SimulatedItems implements ItemJobs {
        final Map<String, Instant> ends = new HashMap<>();
        Instant now;

        public boolean nothingToDo(String itemId, PlanOperation operation) {
            return false;
        }

        public Optional<String> refusal(String itemId, PlanOperation operation) {
            return Optional.empty();
        }

        public List<RecoveryPoint> recoveryPoints(String itemId) {
            return List.of();
        }

        public String failoverRegion(String itemId) {
            return "westeurope";
        }

        public void start(String itemId, ItemStart start) {
            ends.putIfAbsent(start.jobId(), now.plus(SIMULATED_ITEM_JOB));
        }

        public Optional<ItemJob> job(String jobId) {
            return Optional.ofNullable(ends.get(jobId)).map(end -> new ItemJob(now.isBefore(end)
                    ? JobState.InProgress : JobState.Succeeded, null));
        }

        public WhatIf whatIf(String itemId, ItemStart start) {
            throw new UnsupportedOperationException();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

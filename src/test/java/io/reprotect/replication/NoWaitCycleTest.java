package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.CycleInProgress;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.request.ResourceId;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No waiting on Azure inside an invocation: the cycle's capture stage begins its snapshots or restore point and
 * continues later, checking once per run; superseded captures are deleted by firing the delete and verifying it
 * on the next cycle. The stand-in's operations take real time here ({@code ArmStandIn#operationTime}).
 */
class NoWaitCycleTest {

    /** How long each of the stand-in's operations takes in these tests. */
    private static final Duration OPERATION_TIME = Duration.ofSeconds(3);

    private ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /**
     * One tick that ran the cycle: how long it took in-process, and the capture stage's task right after it (from the
     * cycle in flight on the item, or from the cycle's record once it ended); null when the tick did not reach it.
     */
    private record Run(String stage, Duration took, Task task) {
    }

    /**
     * Runs the demo item's next cycle tick by tick, as the fleet does ({@code twice}: each tick message delivered
     * twice), and returns a run for each tick after which the capture stage had a task.
     */
    private List<Run> runCycle(String cycleId, boolean twice) {
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < 2000 && !ended(cycleId); round++) {
            var envelope = f.queue.receive(Queues.CYCLE_TICKS);
            if (envelope.isEmpty()) {
                sleep(20);
                f.queue.nextScheduled(List.of(Queues.CYCLE_TICKS)).ifPresent(next -> {
                    Duration wait = Duration.between(f.clock.instant(), next);
                    f.queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
                });
                continue;
            }
            String body = envelope.get().message().body();
            for (int delivery = 0; delivery < (twice ? 2 : 1); delivery++) {
                long started = System.nanoTime();
                f.ticks.run(body);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                cycleNow(cycleId).flatMap(job -> job.task(SnapshotSourceDisks.NAME))
                        .ifPresent(task -> runs.add(new Run(SnapshotSourceDisks.NAME, took, task)));
            }
            f.queue.complete(envelope.get());
        }
        return runs;
    }

    /** The cycle as it stands: its record once it ended, else the job the item holds in flight. */
    private Optional<Job> cycleNow(String cycleId) {
        Optional<Job> ended = f.store.get(cycleId).map(v -> v.value());
        if (ended.isPresent()) {
            return ended;
        }
        CycleInProgress inFlight = f.demoItem().cycle().inProgress();
        return inFlight == null || !inFlight.job().id().equals(cycleId) ? Optional.empty() : Optional.of(inFlight.job());
    }

    private boolean ended(String cycleId) {
        return f.store.get(cycleId).map(v -> v.value().state().ended()).orElse(false);
    }

    private String dueCycle() {
        String cycleId = f.demoItem().cycle().nextCycleJobId();
        f.queue.advance(Duration.ofMinutes(8)); // past the item's slot
        return cycleId;
    }

    private long snapshotPuts(String cycleId) {
        return f.arm.actionLog().stream().filter(line -> line.startsWith("PUT ")
                && line.contains("/snapshots/reprotect-cycle-" + cycleId)).count();
    }

    private boolean exists(String id) {
        return f.arm.resourceIds().stream().anyMatch(r -> r.equalsIgnoreCase(id));
    }

    @Test
    void theCaptureStageBeginsTheSnapshotsReturnsAndFinishesOnALaterRunWithoutWaitingForAzure() {
        f.protectDemo("");
        f.arm.operationTime(OPERATION_TIME);
        f.writeSource(0, 1L << 20, 8192);
        String cycleId = dueCycle();
        List<Run> runs = runCycle(cycleId, false).stream().filter(r -> r.stage().equals(SnapshotSourceDisks.NAME)).toList();

        assertThat(f.job(cycleId).state()).as(ReprotectFixture.describe(f.job(cycleId))).isEqualTo(JobState.Succeeded);
        assertThat(runs.size()).as("began in one tick, checked on later ticks until Azure was done")
                .isGreaterThanOrEqualTo(2);
        assertThat(runs.get(0).task().checkpoint()).as("the operations it began are in its checkpoint").isNotNull();
        assertThat(runs.get(0).task().checkpoint().get("kind").asText()).isEqualTo("DiskSnapshots");
        assertThat(runs.get(0).task().checkpoint().get("operations")).hasSize(2);
        // Not asserted here: how long a tick took. The stage returns at once with the operations' Retry-After, and
        // Azure's (2 s for Disk RP, 30 s default for Compute) ends the item's turn; the fixture caps Retry-After at 0,
        // so a fleet turn here checks again in-process until the stand-in's operations end.
        assertThat(snapshotPuts(cycleId)).as("one create per disk, never sent again by a check").isEqualTo(2);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aRedeliveredCaptureRunDoesNotBeginTheSnapshotsTwice() {
        f.protectDemo("");
        f.writeSource(1, 2L << 20, 4096);
        String cycleId = dueCycle();
        runCycle(cycleId, true);

        assertThat(f.job(cycleId).state()).as(ReprotectFixture.describe(f.job(cycleId))).isEqualTo(JobState.Succeeded);
        assertThat(snapshotPuts(cycleId)).as("each disk's snapshot created once though every message came twice")
                .isEqualTo(2);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aSnapshotWhoseCreationEndsFailedIsTheStagesError() {
        f.protectDemo("");
        f.arm.faults().failOperation("PUT", "/snapshots/reprotect-cycle-", "OperationNotAllowed");
        String cycleId = dueCycle();
        runCycle(cycleId, false);

        Job cycle = f.job(cycleId);
        assertThat(cycle.state()).isEqualTo(JobState.Failed);
        Task capture = cycle.task(SnapshotSourceDisks.NAME).orElseThrow();
        assertThat(capture.errors()).isNotEmpty();
        assertThat(capture.errors().get(capture.errors().size() - 1).code()).isEqualTo("OperationNotAllowed");
        assertThat(capture.errors().get(capture.errors().size() - 1).message()).contains("ended Failed");
    }

    @Test
    void aSnapshotWhoseCreationFailsTransientlyIsCreatedAgainAndTheCycleSucceeds() {
        f.protectDemo("");
        f.arm.faults().failOperation("PUT", "/snapshots/reprotect-cycle-", "InternalExecutionError");
        f.writeSource(0, 3L << 20, 8192);
        String cycleId = dueCycle();
        runCycle(cycleId, false);

        assertThat(f.job(cycleId).state()).as(ReprotectFixture.describe(f.job(cycleId))).isEqualTo(JobState.Succeeded);
        assertThat(snapshotPuts(cycleId)).as("the failed one created again, the other once").isEqualTo(3);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aRestorePointThatEndsFailedLeavesTheCycleToPerDiskSnapshots() {
        f.useRestorePoints = true;
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 0}");
        f.arm.faults().failOperation("PUT", "/restorePoints/reprotect-cycle-", "InternalExecutionError");
        f.writeSource(0, 4L << 20, 8192);
        Job cycle = f.nextCycle();

        RecoveryPoint point = f.demoItem().latestRecoveryPoint().orElseThrow();
        assertThat(point.capture()).isEqualTo(RecoveryPoint.Capture.DiskSnapshots);
        assertThat(cycle.task(SnapshotSourceDisks.NAME).orElseThrow().attempts()).as("one attempt: no retry").isEqualTo(1);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aDeleteFiredInOneCycleIsVerifiedByTheNextAndFiredAgainIfItFailed() {
        f.protectDemo("");
        List<String> resyncBase = f.demoItem().replicaSet().baseSnapshotIds();
        // the first cycle's delete of one of the resync's snapshots ends Failed: the snapshot stays
        f.arm.faults().failOperation("DELETE", "/snapshots/" + ResourceId.parse(resyncBase.get(0)).name(),
                "InternalExecutionError");
        f.writeSource(0, 1L << 20, 4096);
        Job first = f.nextCycle();
        List<String> deleting = ReleaseBaseSnapshots.DELETING.read(first).orElseThrow();
        assertThat(deleting).as("the replaced base's deletes were fired, not waited for")
                .containsExactlyInAnyOrderElementsOf(resyncBase);
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).as("listed on the item until seen gone")
                .containsAll(resyncBase);

        f.arm.finishOperations();
        assertThat(exists(resyncBase.get(0))).as("its delete failed").isTrue();
        assertThat(exists(resyncBase.get(1))).isFalse();
        f.writeSource(1, 1L << 20, 4096);
        Job second = f.nextCycle();
        assertThat(ReleaseBaseSnapshots.DELETING.read(second).orElseThrow()).as("the failed delete fired again")
                .contains(resyncBase.get(0)).doesNotContain(resyncBase.get(1));
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).as("the one seen gone is no longer listed")
                .doesNotContain(resyncBase.get(1));

        f.arm.finishOperations();
        f.nextCycle();
        assertThat(exists(resyncBase.get(0))).isFalse();
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).doesNotContainAnyElementsOf(resyncBase);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void releasingNeverDeletesASnapshotThatIsNotTheItems() {
        ProtectedItem item = f.protectDemo("");
        String disk = item.replicaSet().replicas().get(0).sourceDiskId();
        ResourceId diskId = ResourceId.parse(disk);
        String region = f.vms.find(item.vmId()).orElseThrow().region();
        // someone else's snapshot whose id ended up in the item's list (a bad restore, a hand edit)
        String foreign = f.snapshots.create(new SnapshotSpec(diskId.subscriptionId(), diskId.resourceGroup(),
                "reprotect-cycle-not-ours-0", region, disk, true, Map.of("created-by", "someone-else"))).id();
        f.items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(), List.of(foreign)));
        f.writeSource(0, 1L << 20, 4096);
        Job cycle = f.nextCycle();

        f.arm.finishOperations();
        assertThat(exists(foreign)).as("left untouched").isTrue();
        assertThat(ReleaseBaseSnapshots.DELETING.read(cycle).orElseThrow()).doesNotContain(foreign);
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).as("and no longer tracked").doesNotContain(foreign);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

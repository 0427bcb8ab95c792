package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.TaskState;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.CycleInProgress;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fleet cycles: one tick per shard runs every due item's cycle in-process. */
class FleetCycleTest {

    /** A subscription other than the demo VM's: its items are in another shard. */
    private static final String OTHER_SUBSCRIPTION = "00000000-0000-0000-0000-0000000b4e00";

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Protects the demo VM and moves the clock just past its first cycle's tick. @return the demo's shard */
    private String protectAndWaitUntilDue() {
        f.protectDemo("");
        Instant due = f.demoItem().cycle().nextCycleTime();
        f.queue.advance(Duration.between(f.clock.instant(), due).plus(f.tickInterval).plusSeconds(1));
        return f.shards.join(f.demoItem());
    }

    private String vm(String subscription, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/"
                + name;
    }

    /** Another protected item like the demo's, for a VM that does not exist, its cycle 1 due at {@code due}. */
    private ProtectedItem twin(String vmId, Instant due) {
        ProtectedItem d = f.demoItem();
        ProtectedItem twin = new ProtectedItem(ProtectedItemStore.idOf(vmId), vmId, d.lifecycle(), d.placement(),
                d.policy(), d.replicaSet(), ReplicationHealth.none(),
                new ProtectedItem.CycleStatus(1, null, due, null, null, null),
                new ProtectionOrigin("twin-" + UUID.randomUUID(), d.origin().protectedAt(), d.origin().targetVmShape()));
        assertThat(f.items.create(twin)).isTrue();
        f.shards.join(twin);
        return twin;
    }

    /**
     * Lets the host deliver the shard's ticks until the demo's first cycle has ended: a turn may end while an Azure
     * operation it began runs (a read grant), and a later tick goes on with it.
     */
    private void finishDemoCycle() {
        f.host.runUntil(() -> f.demoItem().cycle().inProgress() == null && f.demoItem().cycle().lastCycle() >= 2, 200,
                Duration.ofMillis(20));
    }

    private ProtectedItem stored(ProtectedItem item) {
        return f.items.get(item.id()).orElseThrow();
    }

    @Test
    void aTickRunsEveryDueItemOfItsShardAndNotTheOthers() {
        String shard = protectAndWaitUntilDue();
        Instant now = f.clock.instant();
        ProtectedItem dueTwin = twin(vm(f.arm.subscriptionId(), "due-twin"), now);
        ProtectedItem laterTwin = twin(vm(f.arm.subscriptionId(), "later-twin"), now.plus(Duration.ofHours(1)));
        ProtectedItem elsewhere = twin(vm(OTHER_SUBSCRIPTION, "other-twin"), now);
        assertThat(f.shards.join(elsewhere)).as("another subscription is another shard").isNotEqualTo(shard);

        CycleTick.Result tick = f.ticks.run(new CycleTicks.Tick(shard, now));

        assertThat(tick.turns()).extracting(FleetCycle.Turn::itemId)
                .containsExactlyInAnyOrder(f.demoItem().id(), dueTwin.id());
        assertThat(tick.turns()).as("each ran: to its end, or until an Azure operation it began runs")
                .allMatch(t -> t.end() == FleetCycle.End.DONE || t.end() == FleetCycle.End.LATER);
        assertThat(tick.turns()).filteredOn(t -> t.itemId().equals(dueTwin.id())).singleElement()
                .satisfies(t -> assertThat(t.end()).isEqualTo(FleetCycle.End.DONE));
        finishDemoCycle();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("the demo's cycle took a point").hasSize(2);
        assertThat(stored(dueTwin).health().healthErrors()).extracting(HealthError::code)
                .containsExactly(HealthErrors.SOURCE_VM_NOT_FOUND);
        assertThat(stored(dueTwin).cycle().lastCycle()).as("its next cycle is scheduled").isEqualTo(2);
        assertThat(stored(laterTwin).cycle().lastCycle()).as("not due: untouched").isEqualTo(1);
        assertThat(stored(elsewhere).cycle().lastCycle()).as("another shard's: untouched").isEqualTo(1);
        assertThat(f.store.get(f.cycles.cycleId(elsewhere, 1))).isEmpty();
        assertThat(f.job(f.cycles.cycleId(dueTwin, 1)).tasks()).as("one job record per cycle, every stage in it")
                .extracting(t -> t.name()).containsExactly(SnapshotSourceDisks.NAME, CopyChangedRanges.NAME,
                        TakeRecoveryPoint.NAME, ReleaseBaseSnapshots.NAME, PruneRecoveryPoints.NAME,
                        ScheduleNextCycle.NAME);
        assertThat(f.queue.peek(Queues.STAGES)).as("no stage message: cycles ran in-process").isEmpty();
    }

    @Test
    void itemsBeyondTheTickBudgetAreHandedOnToATickSentAtOnce() {
        String shard = protectAndWaitUntilDue();
        ProtectedItem dueTwin = twin(vm(f.arm.subscriptionId(), "due-twin"), f.clock.instant());
        f.queue.dropAll();
        f.tickBudget = Duration.ofNanos(1);

        CycleTick.Result tick = f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant()));

        assertThat(tick.count(FleetCycle.End.HANDED_ON)).isEqualTo(2);
        assertThat(f.queue.peek(Queues.CYCLE_TICKS)).as("the rest goes to a tick due within one interval")
                .singleElement().satisfies(e -> assertThat(e.message().notBefore())
                        .isBefore(f.clock.instant().plus(f.tickInterval).plusSeconds(1)));
        f.tickBudget = Duration.ofMinutes(4);
        f.host.runUntil(() -> f.demoItem().cycle().lastCycle() == 2 && stored(dueTwin).cycle().lastCycle() == 2, 20,
                Duration.ofMillis(20));
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aFailingItemRecordsItsErrorAndDoesNotHoldBackTheOthers() {
        String shard = protectAndWaitUntilDue();
        ProtectedItem failing = twin(vm(f.arm.subscriptionId(), "failing-twin"), f.clock.instant());
        f.arm.faults().next("GET", "virtualMachines/failing-twin", 400, Map.of(), 10);

        CycleTick.Result tick = f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant()));

        assertThat(tick.turns()).as("both ran").hasSize(2).noneMatch(t -> t.end() == FleetCycle.End.NOT_RUN);
        finishDemoCycle();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("the other item's cycle took its point").hasSize(2);
        assertThat(f.job(f.cycles.cycleId(failing, 1)).state()).isEqualTo(JobState.Failed);
        assertThat(stored(failing).health().healthErrors()).extracting(HealthError::code)
                .contains(FleetCycle.CYCLE_FAILED);
        assertThat(stored(failing).cycle().lastCycle()).as("its next cycle is scheduled all the same").isEqualTo(2);
    }

    @Test
    void aCycleWhoseItemIsFailedOverMidCycleIsAbandonedAndTheFailoverWaitsForIt() {
        String shard = protectAndWaitUntilDue();
        ProtectedItem item = f.demoItem();
        // the snapshot fails for a while: the cycle waits in flight, its snapshot ids on the item (written ahead)
        f.arm.faults().next("PUT", "/snapshots/reprotect-cycle-", 500, Map.of(), 100);
        CycleTick.Result first = f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant()));
        f.arm.faults().clear();
        assertThat(first.count(FleetCycle.End.LATER)).isEqualTo(1);
        Job inFlight = f.demoItem().cycle().inProgress().job();
        java.util.List<String> writtenAhead = f.demoItem().replicaSet().inFlightSnapshotIds();
        assertThat(writtenAhead).isNotEmpty();
        // another tick runs the cycle right now
        Instant until = f.clock.instant().plus(Duration.ofMinutes(10));
        f.items.change(item.id(), i -> i.withCycle(i.cycle().withInProgress(
                new CycleInProgress(inFlight, null, "another-tick", until))));

        String failoverId = f.failovers.failover(item.id(), "Unplanned", null, UUID.randomUUID().toString()).id();
        f.host.deliverDue();
        assertThat(f.job(failoverId).tasks().get(0).state()).as("the failover waits for the tick")
                .isNotEqualTo(TaskState.Succeeded);
        assertThat(f.job(failoverId).tasks().get(0).progress().detail()).contains(CycleInProgress.TURN_HOLDER_PREFIX);

        FleetCycle.Turn turn = f.fleet.go(item.id(), "another-tick", until, inFlight, null);

        assertThat(turn.end()).isEqualTo(FleetCycle.End.ABANDONED);
        assertThat(f.job(inFlight.id()).state()).as("the cycle's record says it stopped").isEqualTo(JobState.Cancelled);
        assertThat(f.demoItem().cycle().inProgress()).as("the tick let go").isNull();
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).as("its snapshot ids kept for cleanup")
                .containsAll(writtenAhead);
        Job failover = f.runToEnd(failoverId);
        assertThat(failover.state()).as(ReprotectFixture.describe(failover)).isEqualTo(JobState.Succeeded);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("the abandoned cycle took no point").hasSize(1);
    }

    @Test
    void aCycleWhoseTickDiedMidCycleGoesOnFromWhereItStoodOnceTheClaimExpires() {
        String shard = protectAndWaitUntilDue();
        f.writeSource(0, 5L << 20, 64 << 10);
        // the copy cannot get read access for a while: the cycle waits after its snapshots were taken
        f.arm.faults().next("POST", "beginGetAccess", 500, Map.of(), 100);
        f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant()));
        f.arm.faults().clear();
        Job inFlight = f.demoItem().cycle().inProgress().job();
        assertThat(inFlight.pending().stage()).isEqualTo(CopyChangedRanges.NAME);
        // a tick claimed it and died: nothing it did after its claim was written
        f.items.change(f.demoItem().id(), i -> i.withCycle(i.cycle().withInProgress(
                new CycleInProgress(inFlight, null, "dead-tick", f.clock.instant().plus(Duration.ofMinutes(6))))));
        assertThat(f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant())).turns())
                .as("a live claim holds the item").isEmpty();

        f.queue.advance(Duration.ofMinutes(7));
        CycleTick.Result resumed = f.ticks.run(new CycleTicks.Tick(shard, f.clock.instant()));

        assertThat(resumed.count(FleetCycle.End.DONE) + resumed.count(FleetCycle.End.LATER))
                .as("the expired claim no longer holds the item").isEqualTo(1);
        finishDemoCycle();
        assertThat(f.job(inFlight.id()).task(SnapshotSourceDisks.NAME).orElseThrow().attempts())
                .as("the snapshots were not taken again").isEqualTo(1);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        f.assertReplicasEqualTheSourceDisks();
    }
}

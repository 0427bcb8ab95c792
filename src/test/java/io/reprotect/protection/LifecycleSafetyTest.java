package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.PowerState;
import io.reprotect.failover.FailoverOutputs;
import io.reprotect.failover.ItemState;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.DeferredCleanup;
import io.reprotect.replication.OverdueCycles;
import io.reprotect.replication.RemoveReplication;
import io.reprotect.reprotect.MarkProtected;
import io.reprotect.reprotect.PreviousProtection;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle kernel's promise, driven through failures on the stand-in: for every protected VM, at every step,
 * a running VM or a recovery point from which one can be created exists, and what the item allows never assumes
 * a resource a failed job already deleted. Each test is one scenario of issue 18.
 */
class LifecycleSafetyTest {

    ReprotectFixture f;
    String itemId;

    @BeforeEach
    void protect() {
        f = new ReprotectFixture();
        // beside the demo's CustomScript (whose protected settings ARM never returns), one that takes none
        f.arm.addExtension(f.demo.targetVmId(), "AzureMonitorLinuxAgent", "Microsoft.Azure.Monitor",
                "AzureMonitorLinuxAgent", "1.21", Map.of("workspaceId", "w-1"));
        Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
        itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private Job succeeded(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    private Job failed(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Failed);
        return done;
    }

    private ItemState state() {
        return f.failovers.state(itemId).orElseThrow();
    }

    private ProtectedItem item() {
        return f.items.get(itemId).orElseThrow();
    }

    private String failoverVm(Job job) {
        return job.outputs().get(FailoverOutputs.VM.name()).asText();
    }

    private boolean runs(String vmId) {
        return f.vms.find(vmId).map(vm -> vm.powerState() == PowerState.RUNNING).orElse(false);
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(OperationNotAllowedException.class);
    }

    /** Scenario 1: a change of recovery point that works, then commit keeps its VM. */
    @Test
    void changeOfRecoveryPointCreatesTheNewVmAndCommitKeepsIt() {
        String firstPoint = item().replicaSet().recoveryPoints().get(0).id();
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        Job change = succeeded(f.failovers.changeRecoveryPoint(itemId, firstPoint, id()));

        assertThat(f.failovers.status(itemId).orElseThrow().recoveryPointId()).isEqualTo(firstPoint);
        assertThat(runs(failoverVm(change))).as("the VM runs again, from the other point").isTrue();
        assertThat(f.vms.find(failoverVm(change)).orElseThrow().tags()).containsEntry(FailoverOutputs.TAG_JOB, change.id());
        assertThat(failover.outputs().get(FailoverOutputs.DISKS.name())).allSatisfy(d ->
                assertThat(f.disks.find(d.asText())).as("the first failover's disks are gone").isEmpty());
        assertThat(state().allowedOperations()).containsExactly("Commit", "ChangeRecoveryPoint", "CancelFailover");

        succeeded(f.failovers.commit(itemId, id()));
        assertThat(runs(failoverVm(change))).isTrue();
        assertThat(state().lifecycleState()).isEqualTo("FailoverCommitted");
    }

    /** Scenario 1: a change of recovery point that works, then cancel brings the source back. */
    @Test
    void changeOfRecoveryPointThenCancelLeavesTheSourceRunningAndProtected() {
        succeeded(f.failovers.failover(itemId, "Planned", null, id()));
        Job change = succeeded(f.failovers.changeRecoveryPoint(itemId, "Latest", id()));

        succeeded(f.failovers.cancel(itemId, id()));

        assertThat(runs(f.demo.sourceVmId())).isTrue();
        assertThat(f.vms.find(failoverVm(change))).isEmpty();
        assertThat(state().lifecycleState()).isEqualTo("Protected");
        assertThat(item().replicaSet().recoveryPoints()).as("recovery points kept").isNotEmpty();
    }

    /**
     * Scenario 1: a change that fails after it removed the failed-over VM never allows commit (which would
     * delete every recovery point with no VM left); cancel and another change still work.
     */
    @Test
    void aChangeThatFailsAfterRemovingTheVmAllowsOnlyChangeOrCancelAndCancelWorks() {
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        f.arm.faults().next("PUT", "/virtualMachines/", 403, Map.of(), 1_000); // the new VM cannot be created

        failed(f.failovers.changeRecoveryPoint(itemId, "Latest", id()));

        assertThat(f.vms.find(failoverVm(failover))).as("the failed-over VM was replaced").isEmpty();
        assertThat(state().lifecycleState()).isEqualTo("ChangeRecoveryPointFailed");
        assertThat(state().allowedOperations()).containsExactly("ChangeRecoveryPoint", "CancelFailover");
        refused(() -> f.failovers.commit(itemId, id()));
        assertThat(item().replicaSet().recoveryPoints()).as("every recovery point kept").isNotEmpty();
        f.arm.faults().clear();

        succeeded(f.failovers.cancel(itemId, id()));
        assertThat(runs(f.demo.sourceVmId())).isTrue();
        assertThat(state().lifecycleState()).isEqualTo("Protected");
    }

    /** Scenario 1: a failed change, then another change, then commit. */
    @Test
    void aFailedChangeCanBeChangedAgainAndThenCommitted() {
        succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        f.arm.faults().next("PUT", "/virtualMachines/", 403, Map.of(), 1_000);
        failed(f.failovers.changeRecoveryPoint(itemId, "Latest", id()));
        f.arm.faults().clear();

        Job again = succeeded(f.failovers.changeRecoveryPoint(itemId, "Latest", id()));
        succeeded(f.failovers.commit(itemId, id()));

        assertThat(runs(failoverVm(again))).isTrue();
        assertThat(state().lifecycleState()).isEqualTo("FailoverCommitted");
    }

    /** Scenario 1: commit refuses while the VM it would keep is gone; nothing is deleted. */
    @Test
    void commitRefusesWhenTheFailedOverVmIsGoneAndDeletesNoRecoveryPoint() {
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        f.vms.delete(failoverVm(failover)); // someone deleted it
        int points = item().replicaSet().recoveryPoints().size();

        Job commit = failed(f.failovers.commit(itemId, id()));

        assertThat(commit.tasks().stream().flatMap(t -> t.errors().stream()).map(e -> e.code()))
                .contains("FailoverVmMissing");
        assertThat(item().replicaSet().recoveryPoints()).hasSize(points);
        assertThat(state().lifecycleState()).as("nothing destroyed: back where it was").isEqualTo("FailedOverPendingCommit");
    }

    /**
     * Scenario 2: commit deletes nothing, so a lock on the accounts no longer fails it; the purge after expiry
     * that meets the lock fails part-way, keeps the deleted item Purging (never Kept again, never half-listed), and
     * completes when resumed once the lock is gone. The committed VM runs throughout.
     */
    @Test
    void aPurgeThatFailsPartWayResumesAndTheCommittedVmKeepsRunning() {
        Job failover = succeeded(f.failovers.failover(itemId, "Planned", null, id()));
        // a CanNotDelete lock someone put on the storage accounts: ARM answers 409 ScopeLocked to their delete
        f.arm.faults().next("DELETE", "/storageAccounts/", 409, Map.of(), 1_000);

        Job commit = succeeded(f.failovers.commit(itemId, id()));
        assertThat(state().lifecycleState()).isEqualTo("FailoverCommitted");
        DeletedItem kept = f.deletedBy(commit);

        Job purge = f.purgeAfterExpiry(kept);
        assertThat(purge.state()).isEqualTo(JobState.Failed);
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state())
                .isEqualTo(DeletedItem.State.PURGING);
        assertThat(runs(failoverVm(failover))).as("the only copy keeps running").isTrue();
        f.arm.faults().clear();

        Job resumed = succeeded(f.softDeletes.purge(kept.id()).orElseThrow());
        assertThat(resumed.id()).isEqualTo(purge.id());
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state())
                .isEqualTo(DeletedItem.State.PURGED);
        assertThat(runs(failoverVm(failover))).isTrue();
    }

    /** Scenario 3: resuming an old failed cancel after a commit is refused; the committed VM stays. */
    @Test
    void resumingAnOldFailedCancelAfterCommitIsRefusedAndDeletesNothing() {
        Job failover = succeeded(f.failovers.failover(itemId, "Planned", null, id()));
        f.arm.faults().next("POST", "/virtualMachines/app01/start", 403, Map.of(), 1_000); // the source cannot start
        Job cancel = failed(f.failovers.cancel(itemId, id()));
        f.arm.faults().clear();
        assertThat(state().lifecycleState()).as("cancel removed nothing").isEqualTo("FailedOverPendingCommit");
        succeeded(f.failovers.commit(itemId, id()));

        assertThatThrownBy(() -> f.jobs.resume(cancel.id())).isInstanceOf(OperationNotAllowedException.class)
                .hasMessageContaining("ran on the item since");

        assertThat(f.job(cancel.id()).state()).isEqualTo(JobState.Failed);
        assertThat(runs(failoverVm(failover))).as("the committed VM stays").isTrue();
        assertThat(f.vms.find(failoverVm(failover)).orElseThrow().tags()).as("no longer the failover job's")
                .doesNotContainKey(FailoverOutputs.TAG_JOB).containsKey(FailoverOutputs.TAG_COMMITTED);
    }

    /** Scenario 4: after a failed failover no cycle runs or is re-armed, and the failover can be resumed. */
    @Test
    void afterAFailedFailoverNoCycleRunsAndTheFailoverCanBeResumed() {
        f.arm.faults().next("PUT", "/virtualMachines/", 403, Map.of(), 1_000);
        Job failover = failed(f.failovers.failover(itemId, "Unplanned", null, id()));
        assertThat(state().lifecycleState()).isEqualTo("FailoverFailed");
        assertThat(state().allowedOperations()).containsExactly("CancelFailover");
        int points = item().replicaSet().recoveryPoints().size();

        f.queue.advance(Duration.ofHours(1));
        f.host.runUntilIdle(50);
        int rearmed = new OverdueCycles(f.items, f.jobs,
                f.cycles, Duration.ofMinutes(15), f.lifecycle)
                .healOverdue(f.clock.instant());
        assertThat(rearmed).as("the watchdog re-arms no cycle beside a half-done failover").isZero();
        assertThat(item().replicaSet().recoveryPoints()).as("no cycle took or pruned a point").hasSize(points);
        f.arm.faults().clear();

        f.jobs.resume(failover.id());
        Job resumed = succeeded(f.job(failover.id()));
        assertThat(runs(failoverVm(resumed))).isTrue();
        assertThat(state().lifecycleState()).isEqualTo("FailedOverPendingCommit");
    }

    /** Scenario 5: an extension that fails to install does not fail a failover whose VM runs. */
    @Test
    void aFailedExtensionInstallIsListedAndTheFailoverCompletes() {
        f.arm.faults().next("PUT", "/extensions/", 403, Map.of(), 1_000);

        Job failover = succeeded(f.failovers.failover(itemId, "Planned", null, id()));

        assertThat(failover.outputs().get("extensionsFailed").get(0).asText()).startsWith("AzureMonitorLinuxAgent: ");
        assertThat(failover.outputs().get("installedExtensions")).isEmpty();
        assertThat(runs(failoverVm(failover))).isTrue();
        assertThat(state().lifecycleState()).isEqualTo("FailedOverPendingCommit");
    }

    /** Scenario 6: a refused call changes nothing: the waiting cycle is not cancelled. */
    @Test
    void aRefusedCallChangesNothing() {
        succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        succeeded(f.failovers.commit(itemId, id()));
        ProtectedItem committed = item();

        refused(() -> f.failovers.cancel(itemId, id()));
        refused(() -> f.failovers.commit(itemId, id()));
        refused(() -> f.failovers.failover(itemId, "Planned", null, id()));

        assertThat(item()).isEqualTo(committed);
    }

    /** Puts the item's first cycle in flight: its snapshot fails transiently, so the cycle waits between two turns. */
    private void cycleWaitsInFlight() {
        f.arm.faults().next("PUT", "/snapshots/reprotect-cycle-", 500, Map.of(), 100);
        f.queue.advance(Duration.ofMinutes(10));
        f.host.deliverDue(); // the shard's tick: the cycle's first stage fails and waits for a retry
        f.arm.faults().clear();
        assertThat(item().cycle().inProgress()).as("the cycle is in flight").isNotNull();
        assertThat(item().replicaSet().inFlightSnapshotIds()).as("its snapshot ids written ahead").isNotEmpty();
    }

    /** Scenarios 6 and 7: a failover takes over from a cycle in flight; the cycle never goes on. */
    @Test
    void aFailoverTakesOverFromACycleInFlightAndTheCycleNeverGoesOn() {
        String cycle = item().cycle().nextCycleJobId();
        cycleWaitsInFlight();
        int points = item().replicaSet().recoveryPoints().size();

        Job failover = f.failovers.failover(itemId, "Planned", null, id());

        assertThat(failover.state()).as("not 409").isNotEqualTo(JobState.Failed);
        Job done = succeeded(failover);
        assertThat(f.store.get(cycle)).as("the cycle never ended: no record").isEmpty();
        assertThat(item().replicaSet().recoveryPoints()).as("only the failover's final point").hasSize(points + 1);
        assertThat(runs(failoverVm(done))).isTrue();
        assertThat(runs(f.demo.sourceVmId())).isFalse();
    }

    /** Scenario 6: a disable sent while a cycle is in flight takes over from it; it never sticks half-way. */
    @Test
    void aDisableTakesOverFromACycleInFlight() {
        cycleWaitsInFlight();
        java.util.List<String> writtenAhead = item().replicaSet().inFlightSnapshotIds();

        Job disable = succeeded(f.protections.disable(itemId).orElseThrow());

        assertThat(disable.workflow()).isEqualTo("disable-protection");
        assertThat(f.items.get(itemId)).isEmpty();
        assertThat(f.deletedBy(disable).item().replicaSet().inFlightSnapshotIds())
                .as("the deleted item keeps the in-flight snapshot ids for its purge").containsAll(writtenAhead);
        assertThat(runs(f.demo.sourceVmId())).isTrue();
    }

    /** Scenario 7: an unplanned failover does not wait for a cycle retrying against the region that is down. */
    @Test
    void anUnplannedFailoverDoesNotWaitForACycleRetryingAgainstTheDeadRegion() {
        f.arm.faults().next("*", "/resourceGroups/app-rg-asr/", 503, Map.of("Retry-After", "0"), 100_000);
        f.queue.advance(Duration.ofMinutes(10));
        f.host.deliverDue(); // the cycle's first stage fails against the dead region and waits for a retry
        assertThat(item().cycle().inProgress()).isNotNull();

        Job failover = f.failovers.failover(itemId, "Unplanned", null, id());

        assertThat(failover.outputs()).as("no tick holds the item: nothing to wait for").doesNotContainKey("afterJob");
        Job done = succeeded(failover);
        assertThat(runs(failoverVm(done))).isTrue();
    }

    /** Scenario 4: a failover cancelled before it changed anything returns the item to Protected; cycles resume. */
    @Test
    void aFailoverCancelledBeforeItChangedAnythingLetsTheWatchdogResumeReplication() {
        Job failover = f.failovers.failover(itemId, "Planned", null, id());
        f.jobs.cancel(failover.id());
        assertThat(f.runToEnd(failover.id()).state()).isEqualTo(JobState.Cancelled);

        f.queue.advance(Duration.ofMinutes(30));
        int rearmed = new OverdueCycles(f.items, f.jobs,
                f.cycles, Duration.ofMinutes(15), f.lifecycle)
                .healOverdue(f.clock.instant());

        assertThat(rearmed).as(state().toString()).isEqualTo(1);
        assertThat(state().lifecycleState()).isEqualTo("Protected");
        assertThat(runs(f.demo.sourceVmId())).as("never shut down").isTrue();
        f.nextCycle();
    }

    /** Scenario 8: cancel checks the source before it removes anything. */
    @Test
    void cancelWithTheSourceVmGoneRemovesNothing() {
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        f.vms.delete(f.demo.sourceVmId()); // the secondary region's VM is lost

        Job cancel = failed(f.failovers.cancel(itemId, id()));

        assertThat(cancel.tasks().stream().flatMap(t -> t.errors().stream()).map(e -> e.code()))
                .contains("SourceVmNotFound");
        assertThat(runs(failoverVm(failover))).as("the only running VM stays").isTrue();
        assertThat(state().allowedOperations()).contains("Commit");
    }

    /** Scenario 9: a resumed planned failover does not start its VM when the source runs again. */
    @Test
    void aResumedPlannedFailoverRefusesToStartASecondRunningVm() {
        f.arm.faults().next("PUT", "/providers/Microsoft.Compute/disks/", 403, Map.of(), 1_000);
        Job failover = failed(f.failovers.failover(itemId, "Planned", null, id()));
        f.arm.faults().clear();
        f.vms.start(f.demo.sourceVmId()); // someone started the source again

        f.jobs.resume(failover.id());
        Job again = failed(f.job(failover.id()));

        assertThat(again.tasks().stream().flatMap(t -> t.errors().stream()).map(e -> e.code()))
                .contains("SourceVmRunning");
        assertThat(runs(f.demo.sourceVmId())).isTrue();
        assertThat(f.vms.find(f.demo.targetVmId())).as("no second VM created").isEmpty();
    }

    /**
     * Scenario 10: a failover is committed during the outage that forced it (commit deletes nothing); the purge after
     * expiry, still during the outage, defers what that region holds, and the watchdog deletes it once it is back.
     */
    @Test
    void commitDuringTheSourceRegionOutageDefersWhatThatRegionHolds() {
        f.arm.faults().next("*", "/resourceGroups/app-rg-asr/", 503, Map.of("Retry-After", "0"), 100_000); // region down
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        List<String> base = item().replicaSet().baseSnapshotIds();

        Job commit = succeeded(f.failovers.commit(itemId, id()));
        assertThat(state().lifecycleState()).isEqualTo("FailoverCommitted");
        Job purge = f.purgeAfterExpiry(f.deletedBy(commit));
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);

        assertThat(purge.outputs().get(RemoveReplication.DEFERRED.name()).toString())
                .contains(base.get(0));
        assertThat(runs(failoverVm(failover))).isTrue();
        assertThat(f.deferred.of(itemId)).extracting(e -> e.resourceId()).containsAll(base);
        var cleanup = new DeferredCleanup(f.deferred, f.disks, f.snapshots, f.restorePoints);
        assertThat(cleanup.healOverdue(f.clock.instant())).as("still down: nothing deleted").isZero();

        f.arm.faults().clear(); // the region is back
        assertThat(cleanup.healOverdue(f.clock.instant())).isGreaterThanOrEqualTo(base.size());

        assertThat(f.deferred.of(itemId)).isEmpty();
        base.forEach(s -> assertThat(f.snapshots.find(s)).as(s).isEmpty());
    }

    /** Scenario 11: disable is refused while a drill waits for cleanup. */
    @Test
    void disableIsRefusedWhileADrillWaitsForCleanup() {
        succeeded(f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id()));

        refused(() -> f.protections.disable(itemId));

        assertThat(state().allowedOperations()).contains("TestFailoverCleanup").doesNotContain("DisableProtection");
    }

    /** Scenario 12: a redelivered protect stage after cycle 1 does not reset the item. */
    @Test
    void aRerunOfProtectAfterACycleKeepsTheItemAsTheCycleLeftIt() {
        String reprotectJob = item().origin().reprotectJobId();
        f.nextCycle();
        ProtectedItem afterCycle = item();

        Job job = f.job(reprotectJob);
        new MarkProtected(f.items, f.cycles, f.clock,
                new PreviousProtection(f.pageBlobs, f.snapshots, f.disks, f.accounts, f.restorePoints, f.deletedItems))
                .execute(new StageContext(job, job.task(MarkProtected.NAME).orElseThrow(),
                        f.clock.instant(), null));

        assertThat(item().replicaSet().recoveryPoints()).isEqualTo(afterCycle.replicaSet().recoveryPoints());
        assertThat(item().replicaSet().baseSnapshotIds()).isEqualTo(afterCycle.replicaSet().baseSnapshotIds());
        assertThat(item().cycle()).isEqualTo(afterCycle.cycle());
    }

    /** The state stages never clear another job's running state. */
    @Test
    void aStaleStateStageLeavesAnotherJobsStateAlone() {
        Job failover = succeeded(f.failovers.failover(itemId, "Unplanned", null, id()));
        Job commit = f.failovers.commit(itemId, id()); // running now
        var before = f.failovers.status(itemId).orElseThrow();

        assertThatThrownBy(() -> f.lifecycle.succeed(itemId, failover, i -> i))
                .isInstanceOf(PermanentStageException.class);

        assertThat(f.failovers.status(itemId).orElseThrow()).isEqualTo(before);
        assertThat(before.runningJobId()).isEqualTo(commit.id());
        succeeded(commit);
        assertThat(List.of(state().lifecycleState())).containsExactly("FailoverCommitted");
    }
}

package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.TaskState;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.Health;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.RpoSample;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replication cycles after reprotect, through the pipeline, on the ARM stand-in and Azurite. */
class ReplicationCycleTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<String> sourceSnapshots() {
        return f.arm.resourceIds().stream().filter(id -> id.contains("/snapshots/")).toList();
    }

    private String health() {
        return Health.of(f.demoItem(), f.clock.instant(), f.protection);
    }

    @Test
    void everyCycleTakesOneRecoveryPointAndLeavesTheReplicasEqualToTheSource() {
        f.protectDemo("");
        for (int n = 1; n <= 3; n++) {
            f.writeSource(0, n * (8L << 20), 64 << 10);
            f.writeSource(1, n * (3L << 20) + 4096, 4096);
            Job cycle = f.nextCycle();
            f.assertReplicasEqualTheSourceDisks();
            assertThat(f.demoItem().replicaSet().recoveryPoints()).as("after cycle " + n).hasSize(1 + n);
            f.arm.finishOperations(); // the deletes the cycle fired end long before the next cycle, as in Azure
            assertThat(sourceSnapshots()).as("one base snapshot per disk between cycles").hasSize(2);
            assertThat(cycle.outputs().get("cycleDisks").findValuesAsText("method")).containsOnly("incremental");
        }
        RecoveryPoint newest = f.demoItem().latestRecoveryPoint().orElseThrow();
        assertThat(newest.disks()).hasSize(2);
        assertThat(newest.consistency()).as("two disks snapshotted one after another")
                .isEqualTo(RecoveryPoint.PER_DISK);
        assertThat(Health.rpoSeconds(f.demoItem(), f.clock.instant())).isLessThan(60);
        assertThat(health()).isEqualTo(Health.NORMAL);
        assertThat(f.queue.peek(Queues.CYCLE_TICKS)).as("exactly the next cycle's tick waits").hasSize(1);
        assertThat(f.queue.peek(Queues.STAGES)).as("no stage message: the cycle ran in-process").isEmpty();
        assertThat(f.demoItem().health().rpoHistory()).as("the RPO each cycle left, oldest first")
                .extracting(RpoSample::cycle).containsExactly(1L, 2L, 3L);
        assertThat(f.demoItem().health().rpoHistory()).allMatch(sample -> sample.recoveryPointTaken()
                // a turn that waits for a read grant goes on at the shard's next tick (a 15 s grid)
                && sample.rpoSeconds() <= 60 + f.tickInterval.toSeconds());
    }

    @Test
    void aFragmentedWindowWhoseDiffTakesManyAnswersIsCopiedWhole() {
        f.protectDemo("");
        f.arm.pageRangesPerDiffAnswer(100); // the Blob service's 10,000, scaled down with the disk
        long before = f.arm.diskDataPlaneRequests().getOrDefault("get page ranges diff", 0L);
        int writes = 0;
        for (long offset = 16L << 20; offset < 20L << 20; offset += 8192) { // 4 KiB written every 8 KiB
            f.writeSource(0, offset, 4096);
            writes++;
        }
        Job cycle = f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(cycle.outputs().get("cycleDisks").findValuesAsText("method")).containsOnly("incremental");
        long answers = f.arm.diskDataPlaneRequests().get("get page ranges diff") - before;
        assertThat(answers).as(writes + " ranges in one window need several answers").isGreaterThanOrEqualTo(writes / 100);
    }

    @Test
    void aTickDeliveredTwiceRunsTheCycleOnce() {
        f.protectDemo("");
        f.writeSource(0, 0, 8192);
        String cycleId = f.demoItem().cycle().nextCycleJobId();
        f.queue.advance(Duration.ofMinutes(8)); // past the item's slot: at most 1.5 frequencies after protection (CycleSlots)
        var envelope = f.queue.receive(Queues.CYCLE_TICKS).orElseThrow();
        CycleTick.Result first = f.ticks.run(envelope.message().body());
        CycleTick.Result again = f.ticks.run(envelope.message().body());
        f.queue.complete(envelope);
        assertThat(first.count(FleetCycle.End.DONE) + first.count(FleetCycle.End.LATER))
                .as("the first delivery ran the item: to its end, or until a read grant it began is ready").isEqualTo(1);
        assertThat(again.turns()).as("the redelivered tick finds nothing due").isEmpty();
        f.host.runUntil(() -> f.store.get(cycleId).map(v -> v.value().state().ended()).orElse(false), 200,
                Duration.ofMillis(20));
        assertThat(f.job(cycleId).state()).isEqualTo(JobState.Succeeded);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        assertThat(f.demoItem().cycle().lastCycle()).as("one next cycle scheduled").isEqualTo(2);
        assertThat(f.demoItem().health().rpoHistory()).as("one RPO sample for the cycle").hasSize(1);
        assertThat(f.queue.peek(Queues.CYCLE_TICKS)).as("exactly the next cycle's tick waits").hasSize(1);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aCrashBetweenSnapshotAndCopyOrBetweenWriteAndReplicaSnapshotStillEndsWithEqualReplicas() {
        f.protectDemo("");
        f.writeSource(0, 1L << 20, 16 << 10);
        f.crashOnceWhen(job -> job.task(SnapshotSourceDisks.NAME).map(t -> t.state() == TaskState.Succeeded)
                .orElse(false));
        f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        f.writeSource(1, 2L << 20, 16 << 10);
        f.crashOnceWhen(job -> job.task(CopyChangedRanges.NAME).map(t -> t.state() == TaskState.Succeeded)
                .orElse(false));
        f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(3);
        f.arm.finishOperations(); // the deletes the cycle fired
        assertThat(sourceSnapshots()).hasSize(2);
        f.writeSource(1, 5L << 20, 4096);
        f.crashOnceWhen(job -> job.task(TakeRecoveryPoint.NAME).map(t -> t.state() == TaskState.Succeeded)
                .orElse(false));
        f.nextCycle();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("the redone stage took no second point").hasSize(4);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void retentionRemovesExactlyTheExpiredPointsAndNeverTheNewest() {
        f.protectDemo(", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 1, \"appConsistentFrequencyInMinutes\": 0}");
        for (int n = 0; n < 14; n++) {
            f.nextCycle(); // every 5 minutes of queue time: 70 minutes
        }
        var now = f.clock.instant();
        List<RecoveryPoint> points = f.demoItem().replicaSet().recoveryPoints();
        assertThat(points).allMatch(p -> !p.time().isBefore(now.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(6))));
        assertThat(points.size()).as("points of the last hour, one per 5 minutes").isBetween(11, 13);
        long replicaSnapshots = f.replicaBlob(f.demoItem().replicaSet().replicas().get(0).blobName()).getContainerClient()
                .listBlobs(new com.azure.storage.blob.models.ListBlobsOptions().setDetails(
                        new com.azure.storage.blob.models.BlobListDetails().setRetrieveSnapshots(true)), null)
                .stream().filter(b -> b.getSnapshot() != null).count();
        assertThat(replicaSnapshots).as("pruned points' replica snapshots are deleted").isEqualTo(2L * points.size());
    }

    @Test
    void aBrokenChainFallsBackToTheCompareSaysSoInHealthAndHeals() {
        ProtectedItem item = f.protectDemo("");
        String base = item.replicaSet().baseSnapshotIds().get(1);
        f.disks.revoke(base);
        f.snapshots.delete(base); // someone deleted the base snapshot of the data disk
        f.writeSource(1, 7L << 20, 64 << 10);
        Job broken = f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(broken.outputs().get("cycleDisks").findValuesAsText("method"))
                .containsExactly("incremental", "full-compare");
        assertThat(f.demoItem().health().healthErrors()).extracting(HealthError::code).containsExactly(HealthErrors.CHAIN_BROKEN);
        assertThat(health()).isEqualTo(HealthError.WARNING);
        f.writeSource(1, 9L << 20, 4096);
        Job healed = f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(healed.outputs().get("cycleDisks").findValuesAsText("method")).containsOnly("incremental");
        assertThat(f.demoItem().health().healthErrors()).isEmpty();
        assertThat(health()).isEqualTo(Health.NORMAL);
    }

    @Test
    void healthTurnsWarningThenCriticalWhenTheSourceVmIsGoneAndNormalWhenCyclesSucceedAgain() {
        f.protectDemo("");
        String vmPath = Pattern.quote(f.demo.sourceVmId()) + "$";
        f.arm.faults().next("GET", vmPath, 404, Map.of(), 1);
        f.nextCycle();
        assertThat(health()).isEqualTo(HealthError.WARNING);
        HealthError error = f.demoItem().health().healthErrors().get(0);
        assertThat(error.code()).isEqualTo(HealthErrors.SOURCE_VM_NOT_FOUND);
        assertThat(error.recommendedAction()).contains("reprotect").contains("disable protection");
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("no point without a source").hasSize(1);

        f.arm.faults().next("GET", vmPath, 404, Map.of(), 1);
        f.queue.advance(f.rpoCritical);
        f.nextCycle();
        assertThat(health()).as("RPO past the critical threshold").isEqualTo(HealthError.CRITICAL);
        RpoSample critical = f.demoItem().health().rpoHistory().get(f.demoItem().health().rpoHistory().size() - 1);
        assertThat(critical.recoveryPointTaken()).as("the cycle ended early").isFalse();
        assertThat(critical.rpoSeconds()).as("recorded as the cycle saw it").isGreaterThan(f.rpoCritical.toSeconds());

        f.nextCycle();
        assertThat(f.demoItem().health().healthErrors()).isEmpty();
        assertThat(health()).isEqualTo(Health.NORMAL);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
    }

    @Test
    void aMissingReplicaAccountIsCriticalWithTheActionToTakeAndClearsWhenTheAccountIsBack() {
        f.protectDemo("");
        String accountPath = Pattern.quote(f.demoItem().placement().targetStorageAccount().id()) + "$";
        f.arm.faults().next("GET", accountPath, 404, Map.of(), 1);
        f.nextCycle();
        assertThat(health()).isEqualTo(HealthError.CRITICAL);
        HealthError error = f.demoItem().health().healthErrors().get(0);
        assertThat(error.code()).isEqualTo(HealthErrors.REPLICA_ACCOUNT_MISSING);
        assertThat(error.message()).contains(f.demoItem().placement().targetStorageAccount().name());
        assertThat(error.recommendedAction()).contains("restore").contains("reprotect");
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("no point without the replicas").hasSize(1);
        assertThat(sourceSnapshots()).as("no source snapshot taken for nothing").hasSize(2);
        assertThat(f.queue.peek(Queues.CYCLE_TICKS)).as("the next cycle's tick still waits").hasSize(1);

        f.writeSource(0, 6L << 20, 4096);
        f.nextCycle();
        assertThat(f.demoItem().health().healthErrors()).isEmpty();
        assertThat(health()).isEqualTo(Health.NORMAL);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void aDeletedReplicaContainerIsReportedAsMissingReplicasNotRetriedForever() {
        f.protectDemo("");
        f.replicaBlob(f.demoItem().replicaSet().replicas().get(0).blobName()).getContainerClient().delete();
        Job cycle = f.nextCycle();
        assertThat(cycle.state()).isEqualTo(JobState.Succeeded);
        HealthError error = f.demoItem().health().healthErrors().get(0);
        assertThat(error.code()).isEqualTo(HealthErrors.REPLICA_ACCOUNT_MISSING);
        assertThat(error.message()).contains(f.demoItem().replicaSet().replicas().get(0).container());
        assertThat(health()).isEqualTo(HealthError.CRITICAL);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(1);
        assertThat(sourceSnapshots()).hasSize(2);
    }

    /** Every blob and blob snapshot in the regions' Azurite accounts (not the app's own job store). */
    private java.util.Set<String> regionBlobs() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (String account : List.of("primaryregion", "secondaryregion")) {
            var service = f.blobs.account(AzuriteLauncher.accountEndpoint(account));
            service.listBlobContainers().forEach(c -> {
                all.add(account + "/" + c.getName() + "/");
                service.getBlobContainerClient(c.getName()).listBlobs(new com.azure.storage.blob.models.ListBlobsOptions()
                        .setDetails(new com.azure.storage.blob.models.BlobListDetails().setRetrieveSnapshots(true)), null)
                        .forEach(b -> all.add(account + "/" + c.getName() + "/" + b.getName()
                                + (b.getSnapshot() == null ? "" : "?snapshot=" + b.getSnapshot())));
            });
        }
        return all;
    }

    @Test
    void disablingProtectionKeepsWhatProtectionCreatedUntilThePurgeLeavesNothing() {
        java.util.Set<String> armBefore = new java.util.TreeSet<>(f.arm.resourceIds());
        java.util.Set<String> blobsBefore = regionBlobs();
        ProtectedItem item = f.protectDemo("");
        f.writeSource(0, 2L << 20, 8192);
        f.nextCycle();
        assertThat(f.arm.resourceIds()).as("reprotect created a cache account")
                .anyMatch(id -> id.equalsIgnoreCase(item.placement().cacheStorageAccount().id()));
        String waitingCycle = f.demoItem().cycle().nextCycleJobId();
        java.util.Set<String> armProtected = new java.util.TreeSet<>(f.arm.resourceIds());
        Job disable = f.runToEnd(f.protections.disable(item.id()).orElseThrow().id());
        assertThat(disable.state()).as(ReprotectFixture.describe(disable)).isEqualTo(JobState.Succeeded);
        assertThat(f.items.get(item.id())).isEmpty();
        assertThat(new java.util.TreeSet<>(f.arm.resourceIds())).as("disable keeps everything until the expiry")
                .isEqualTo(armProtected);
        f.queue.advance(Duration.ofHours(1));
        f.host.runUntilIdle(50);
        assertThat(f.store.get(waitingCycle)).as("the waiting cycle never ran: no record of it").isEmpty();
        assertThat(f.queue.nextScheduled(f.host.listenedQueues())).as("no cycle is scheduled").isEmpty();

        Job purge = f.purgeAfterExpiry(f.deletedBy(disable));
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(sourceSnapshots()).isEmpty();
        assertThat(f.arm.resourceIds()).as("ARM resources protection created (the cache account, snapshots)")
                .allMatch(id -> armBefore.stream().anyMatch(before -> before.equalsIgnoreCase(id)));
        assertThat(regionBlobs()).as("replicas, their snapshots and the replica container")
                .isSubsetOf(blobsBefore);
        // the VM is free: it may be reprotected again
        Job again = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(again.state()).as(ReprotectFixture.describe(again)).isEqualTo(JobState.Succeeded);
    }

    @Test
    void disablingProtectionKeepsAStorageAccountThatExistedBeforeReprotect() {
        String mine = f.accounts.createIfMissing(StorageAccountSpec.standardV2(
                f.arm.subscriptionId(), "app-rg", "mycache01", "westeurope")).id();
        ProtectedItem item = f.protectDemo(", \"cacheStorageAccountId\": \"" + mine + "\"");
        assertThat(item.placement().cacheStorageAccount().id()).isEqualToIgnoringCase(mine);
        Job disable = f.runToEnd(f.protections.disable(item.id()).orElseThrow().id());
        assertThat(disable.state()).as(ReprotectFixture.describe(disable)).isEqualTo(JobState.Succeeded);
        Job purge = f.purgeAfterExpiry(f.deletedBy(disable));
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(f.accounts.find(mine)).as("the cache account the user named is kept").isPresent();
        assertThat(f.accounts.find(item.placement().targetStorageAccount().id())).as("the target account reprotect created")
                .isEmpty();
        assertThat(purge.outputs().get("keptStorageAccounts").toString()).contains("mycache01");
    }

    @Test
    void reprotectOfAProtectedVmIsRefusedNamingTheItem() {
        ProtectedItem item = f.protectDemo("");
        assertThatThrownBy(() -> f.submit(f.request(f.demo.sourceVmId(), "")))
                .isInstanceOf(AlreadyProtectedException.class)
                .hasMessageContaining(item.id())
                .satisfies(e -> assertThat(((AlreadyProtectedException) e).itemId()).isEqualTo(item.id()));
    }

    @Test
    void aFailedCycleRecordsItsErrorAndTheNextCycleIsScheduled() {
        f.protectDemo("");
        f.arm.faults().next("PUT", "/snapshots/reprotect-cycle-", 500, Map.of(), 100);
        Job failed = f.runToEnd(f.demoItem().cycle().nextCycleJobId());
        assertThat(failed.state()).as("retries exhausted").isEqualTo(JobState.Failed);
        f.arm.faults().clear();
        assertThat(f.demoItem().health().healthErrors()).extracting(HealthError::code)
                .contains(FleetCycle.CYCLE_FAILED);
        assertThat(f.demoItem().cycle().lastCycle()).as("the next cycle is scheduled").isEqualTo(2);
        assertThat(f.demoItem().cycle().inProgress()).as("no cycle in flight").isNull();
        f.writeSource(0, 3L << 20, 4096);
        f.nextCycle();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        assertThat(health()).as("a cycle that took a point clears the error").isEqualTo(Health.NORMAL);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void theWatchdogReArmsAnItemWhoseTickWasLostAndOnlyOnce() {
        f.protectDemo("");
        f.queue.dropAll(); // the shard's tick is lost
        assertThat(f.queue.nextScheduled(f.host.listenedQueues())).as("replication has stopped").isEmpty();

        var overdue = new OverdueCycles(f.items, f.jobs,
                f.cycles, Duration.ofMinutes(15), f.lifecycle);
        assertThat(overdue.healOverdue(f.clock.instant())).as("within the grace").isZero();
        var later = f.demoItem().cycle().nextCycleTime().plus(Duration.ofMinutes(30));
        f.queue.advance(Duration.between(f.clock.instant(), later));
        assertThat(overdue.healOverdue(later)).isEqualTo(1);
        overdue.healOverdue(later);
        assertThat(f.queue.peek(Queues.CYCLE_TICKS)).as("a second watchdog run sends the same tick").hasSize(1);
        f.writeSource(0, 3L << 20, 4096);
        f.nextCycle();
        assertThat(overdue.healOverdue(f.clock.instant())).as("the item runs again: nothing to re-arm").isZero();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(2);
        f.assertReplicasEqualTheSourceDisks();
    }
}

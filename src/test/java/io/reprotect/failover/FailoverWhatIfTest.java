package io.reprotect.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobHistory;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.local.AzuriteContents;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.ChangeRates;
import io.reprotect.replication.CycleInputs;
import io.reprotect.replication.DisableProtectionWhatIf;
import io.reprotect.testkit.ReprotectFixture;
import io.reprotect.whatif.WhatIf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The what-if of every failover-lifecycle operation and of disabling protection, on a VM protected through the
 * real pipeline: what each lists, the checks that refuse it, and proof that asking changed nothing (the ARM
 * stand-in's resources, every blob and snapshot of the replicas, the stand-in's disks, the job store, the
 * protected item and its failover status; and ARM saw reads only).
 */
class FailoverWhatIfTest {

    /** Where each answer is written, for a person (and docs/api.md) to read. */
    static final Path EXAMPLES = Path.of("target", "what-if-examples");

    ReprotectFixture f;
    String itemId;
    FailoverWhatIf failover;
    TestFailoverWhatIf drill;
    TestFailoverCleanupWhatIf cleanup;
    CommitFailoverWhatIf commit;
    CancelFailoverWhatIf cancel;
    ChangeRecoveryPointWhatIf changePoint;
    DisableProtectionWhatIf disable;

    @BeforeEach
    void protect() {
        f = new ReprotectFixture();
        Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
        itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
        FailoverWhatIfs parts = new FailoverWhatIfs(f.failovers, f.disks, f.networks, f.vms, f.pageBlobs);
        failover = new FailoverWhatIf(parts, f.vms, f.disks, f.items, new ChangeRates(
                new JobHistory(f.jobContainer, f.store)), f.clock);
        drill = new TestFailoverWhatIf(parts, new DrillNetworkCheck(f.networks));
        cleanup = new TestFailoverCleanupWhatIf(parts);
        disable = new DisableProtectionWhatIf(f.items, f.jobs, f.retention, f.lifecycle);
        commit = new CommitFailoverWhatIf(parts, f.items, disable);
        cancel = new CancelFailoverWhatIf(parts);
        changePoint = new ChangeRecoveryPointWhatIf(parts);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The fixture's own world: ARM resources with their bodies, and the blobs of its containers. */
    record World(Map<String, String> arm, List<String> blobs) {
    }

    World world() {
        Map<String, String> arm = new TreeMap<>();
        f.arm.resourceIds().forEach(id -> arm.put(id, f.arm.resource(id).toString()));
        String disks = f.arm.blobOf(f.demo.sourceDiskIds().get(0)).getContainerName();
        String diskPrefix = disks.substring(0, disks.lastIndexOf('-'));
        List<String> blobs = AzuriteContents.all().stream().filter(b -> b.contains("/" + f.replicaContainer)
                || b.contains("/" + f.jobContainer.getBlobContainerName()) || b.contains("/" + diskPrefix)).toList();
        return new World(arm, blobs);
    }

    /** Asks, and checks that the asking changed nothing and made no ARM call but reads. */
    WhatIf ask(String example, Supplier<WhatIf> whatIf) throws Exception {
        World before = world();
        int calls = f.arm.actionLog().size();
        WhatIf answer = whatIf.get();
        assertThat(f.arm.actionLog().subList(calls, f.arm.actionLog().size()))
                .allSatisfy(action -> assertThat(action).endsWith("/read"));
        World after = world();
        assertThat(after.arm()).as(example + ": ARM").isEqualTo(before.arm());
        assertThat(after.blobs()).as(example + ": blobs, job store, items").isEqualTo(before.blobs());
        Files.createDirectories(EXAMPLES);
        Files.writeString(EXAMPLES.resolve(example + ".json"), JobJson.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(answer));
        return answer;
    }

    static List<String> ids(WhatIf answer, WhatIf.ChangeType type) {
        return answer.changes().stream().filter(c -> c.changeType() == type).map(WhatIf.Change::resourceId).toList();
    }

    static WhatIf.Check check(WhatIf answer, String name) {
        return answer.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Job run(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    @Test
    void aProtectedItemsWhatIfsListWhatEachWouldDoAndChangeNothing() throws Exception {
        ProtectedItem item = f.items.get(itemId).orElseThrow();

        WhatIf planned = ask("planned-failover", () -> failover.evaluate(itemId, "Planned", null, null));
        assertThat(planned.status()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(ids(planned, WhatIf.ChangeType.Modify)).contains(f.demo.sourceVmId());
        assertThat(ids(planned, WhatIf.ChangeType.Create)).filteredOn(id -> id.contains("/disks/")).hasSize(2)
                .allSatisfy(id -> assertThat(id).contains("/resourceGroups/app-rg/").contains("-fbxxxxxxxx"));
        assertThat(ids(planned, WhatIf.ChangeType.NoChange)).as("the original NIC is free: reused")
                .anySatisfy(id -> assertThat(id).isEqualToIgnoringCase(f.demo.targetNicId()));
        assertThat(ids(planned, WhatIf.ChangeType.Create)).anySatisfy(id -> assertThat(id)
                .endsWith("/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app01"));
        assertThat(planned.transfer().disks()).extracting(WhatIf.DiskTransfer::stage)
                .containsExactly("copy-changes", "copy-changes", "create-failover-disks", "create-failover-disks");
        long diskBytes = f.disks.find(f.demo.sourceDiskIds().get(0)).orElseThrow().sizeBytes()
                + f.disks.find(f.demo.sourceDiskIds().get(1)).orElseThrow().sizeBytes();
        assertThat(planned.transfer().bytesUpperBound()).isEqualTo(2 * diskBytes);

        WhatIf unplanned = ask("unplanned-failover", () -> failover.evaluate(itemId, "Unplanned", "Latest", null));
        assertThat(unplanned.recoveryPoint().id()).isEqualTo(item.latestRecoveryPoint().orElseThrow().id());
        assertThat(unplanned.recoveryPoint().requested()).isEqualTo("Latest");
        assertThat(ids(unplanned, WhatIf.ChangeType.NoChange)).contains(f.demo.sourceVmId());
        assertThat(unplanned.transfer().disks()).hasSize(2).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo("create-failover-disks");
            assertThat(d.from()).contains("snapshot=");
            assertThat(d.bytesUpperBound()).as("the point's allocated ranges").isPositive()
                    .isLessThanOrEqualTo(d.diskSizeBytes());
        });

        WhatIf noPoint = ask("unplanned-failover-no-such-point", () -> failover.evaluate(itemId, "Unplanned",
                "2020-01-01T00:00:00Z", null));
        assertThat(noPoint.status()).isEqualTo(WhatIf.REFUSED);
        assertThat(check(noPoint, "recovery-point").httpStatus()).isEqualTo(400);
        assertThat(check(noPoint, "recovery-point").error().message()).contains("no recovery point matches");

        WhatIf test = ask("test-failover", () -> drill.evaluate(itemId, null, f.demo.testVnetId(), false, null));
        assertThat(test.status()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(ids(test, WhatIf.ChangeType.Create)).anySatisfy(id -> assertThat(id).endsWith("/virtualMachines/app01-test"))
                .anySatisfy(id -> assertThat(id).contains("/networkInterfaces/app01-nic-test-"));
        assertThat(ids(test, WhatIf.ChangeType.Modify)).containsExactly("/api/protected-items/" + itemId);

        WhatIf production = ask("test-failover-production-network", () -> drill.evaluate(itemId, null,
                f.demo.primaryVnetId(), false, null));
        assertThat(production.status()).isEqualTo(WhatIf.REFUSED);
        assertThat(check(production, "isolated-network").error().message()).contains("production network");
        assertThat(check(production, "isolated-network").httpStatus()).isEqualTo(400);

        for (Supplier<WhatIf> notNow : List.<Supplier<WhatIf>>of(() -> cleanup.evaluate(itemId, null),
                () -> commit.evaluate(itemId, null), () -> cancel.evaluate(itemId, null),
                () -> changePoint.evaluate(itemId, "Latest", null))) {
            WhatIf refused = ask("not-allowed", notNow);
            assertThat(refused.status()).isEqualTo(WhatIf.REFUSED);
            assertThat(check(refused, "operation-allowed").httpStatus()).isEqualTo(409);
            assertThat(check(refused, "operation-allowed").error().message()).contains("failoverState None");
            assertThat(refused.changes()).isEmpty();
        }

        WhatIf off = ask("disable-protection", () -> disable.evaluate(itemId).orElseThrow());
        assertThat(off.status()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(ids(off, WhatIf.ChangeType.Delete)).containsExactly("/api/protected-items/" + itemId);
        assertThat(ids(off, WhatIf.ChangeType.NoChange)).as("kept as a deleted item")
                .containsAll(item.replicaSet().baseSnapshotIds())
                .filteredOn(id -> id.contains("/containers/" + f.replicaContainer + "/blobs/")).hasSize(2);
        assertThat(ids(off, WhatIf.ChangeType.Create)).anyMatch(id -> id.startsWith("/api/deleted-items/"));
        assertThat(off.transfer().bytesUpperBound()).isZero();
    }

    @Test
    void aPlannedFailoversFinalSyncIsExpectedAtTheRateTheLastCycleMeasured() throws Exception {
        assertThat(failover.evaluate(itemId, "Planned", null, null).transfer().bytesExpected())
                .as("no cycle yet: no estimate, only the bound").isNull();
        String dataDisk = f.demo.sourceDiskIds().get(1);
        byte[] mib = DemoSeed.pattern(7, 1 << 20);
        f.arm.blobOf(dataDisk).uploadPages(new com.azure.storage.blob.models.PageRange().setStart(200L << 20)
                .setEnd((201L << 20) - 1), new java.io.ByteArrayInputStream(mib));
        Job cycle = f.nextCycle();
        f.arm.finishOperations(); // the deletes the cycle fired end now, not while the what-if is watched
        java.time.Instant captured = f.items.get(itemId).orElseThrow().latestRecoveryPoint().orElseThrow().time();
        f.queue.advance(java.time.Duration.ofMinutes(2)); // two minutes of writes since the newest point

        java.time.Instant asked = f.clock.instant(); // the queue's clock runs on in real time too
        WhatIf planned = ask("planned-failover-after-a-cycle", () -> failover.evaluate(itemId, "Planned", null, null));
        java.time.Instant answered = f.clock.instant();

        long changed = JobJson.MAPPER.convertValue(cycle.outputs().get("cycleDisks"),
                CycleInputs.DiskResult[].class)[1].bytesExamined();
        assertThat(changed).as("the cycle's diff saw the write").isGreaterThanOrEqualTo(1 << 20);
        java.time.Duration interval = java.time.Duration.between(f.items.get(itemId).orElseThrow().origin().protectedAt(),
                captured);
        WhatIf.DiskTransfer sync = planned.transfer().disks().stream().filter(d -> d.stage().equals("copy-changes")
                && d.sourceDiskId().equalsIgnoreCase(dataDisk)).findFirst().orElseThrow();
        java.util.function.Function<java.time.Instant, Long> atRate = now -> (long) Math.ceil(changed
                * ((double) java.time.Duration.between(captured, now).toMillis() / interval.toMillis()));
        assertThat(sync.bytesExpected()).as("changed x elapsed / interval")
                .isBetween(atRate.apply(asked), atRate.apply(answered)).isLessThan(sync.bytesUpperBound());
        assertThat(planned.transfer().bytesExpected()).isPositive().isLessThan(planned.transfer().bytesUpperBound());
    }

    @Test
    void anUnplannedFailoversWhatIfAsksNothingOfTheSecondaryRegion() throws Exception {
        f.arm.faults().next("*", "/resourceGroups/app-rg-asr/", 503, Map.of(), 10_000); // the secondary region is down
        WhatIf unplanned = ask("unplanned-failover-secondary-down", () -> failover.evaluate(itemId, "Unplanned", null,
                null));
        f.arm.faults().clear();
        assertThat(unplanned.status()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(unplanned.checks()).extracting(WhatIf.Check::result).containsOnly("Passed");
    }

    @Test
    void theWhatIfsOfADrillAndOfAFailoverWaitingForCommitNameExactlyWhatTheJobsCreated() throws Exception {
        String key = UUID.randomUUID().toString();
        Job drillJob = run(f.failovers.testFailover(itemId, null, f.demo.testVnetId(), false,
                FailoverService.jobId("test-failover", itemId, key)));
        WhatIf repeat = ask("test-failover-same-key", () -> drill.evaluate(itemId, null, f.demo.testVnetId(), false, key));
        assertThat(repeat.status()).as("the call with the same key returns the drill's job").isEqualTo(WhatIf.SUCCEEDED);
        assertThat(repeat.changes()).extracting(WhatIf.Change::resourceId).containsExactly("/api/jobs/" + drillJob.id());
        WhatIf clean = ask("test-failover-cleanup", () -> cleanup.evaluate(itemId, null));
        assertThat(clean.status()).isEqualTo(WhatIf.SUCCEEDED);
        List<String> created = new java.util.ArrayList<>(List.of(drillJob.outputs().get(FailoverOutputs.VM.name()).asText()));
        drillJob.outputs().get(FailoverOutputs.CREATED_NICS.name()).forEach(n -> created.add(n.asText()));
        drillJob.outputs().get(FailoverOutputs.DISKS.name()).forEach(d -> created.add(d.asText()));
        assertThat(ids(clean, WhatIf.ChangeType.Delete)).containsExactlyElementsOf(created);
        WhatIf secondDrill = ask("test-failover-waiting-for-cleanup", () -> drill.evaluate(itemId, null,
                f.demo.testVnetId(), false, null));
        assertThat(check(secondDrill, "operation-allowed").error().message()).contains("TestFailoverCleanup");
        run(f.failovers.testFailoverCleanup(itemId, UUID.randomUUID().toString()));

        String firstPoint = f.items.get(itemId).orElseThrow().replicaSet().recoveryPoints().get(0).id();
        Job failed = run(f.failovers.failover(itemId, "Unplanned", null, UUID.randomUUID().toString()));
        String vm = failed.outputs().get(FailoverOutputs.VM.name()).asText();

        WhatIf done = ask("commit-failover", () -> commit.evaluate(itemId, null));
        assertThat(done.status()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(ids(done, WhatIf.ChangeType.NoChange)).contains(vm);
        assertThat(ids(done, WhatIf.ChangeType.Delete)).as("commit deletes nothing").isEmpty();
        assertThat(ids(done, WhatIf.ChangeType.NoChange)).as("commit keeps what replication left as a deleted item")
                .containsAll(f.items.get(itemId).orElseThrow().replicaSet().baseSnapshotIds())
                .anySatisfy(id -> assertThat(id).contains("/blobs/"));

        WhatIf undo = ask("cancel-failover", () -> cancel.evaluate(itemId, null));
        assertThat(ids(undo, WhatIf.ChangeType.Delete)).contains(vm);
        assertThat(ids(undo, WhatIf.ChangeType.Modify)).as("unplanned: the source is not restarted")
                .containsExactly("/api/protected-items/" + itemId);

        WhatIf other = ask("change-recovery-point", () -> changePoint.evaluate(itemId, firstPoint, null));
        assertThat(other.status()).as(other.checks().toString()).isEqualTo(WhatIf.SUCCEEDED);
        assertThat(other.recoveryPoint().id()).isEqualTo(firstPoint);
        assertThat(ids(other, WhatIf.ChangeType.Delete)).contains(vm);
        assertThat(ids(other, WhatIf.ChangeType.Create)).as("the VM again, once the old one is gone")
                .anySatisfy(id -> assertThat(id).isEqualToIgnoringCase(vm));
        assertThat(ids(other, WhatIf.ChangeType.NoChange)).as("the original NIC, freed by the removal")
                .anySatisfy(id -> assertThat(id).isEqualToIgnoringCase(f.demo.targetNicId()));

        WhatIf again = ask("unplanned-failover-pending-commit", () -> failover.evaluate(itemId, "Unplanned", null, null));
        assertThat(check(again, "operation-allowed").error().message()).contains("FailedOverPendingCommit");
    }
}

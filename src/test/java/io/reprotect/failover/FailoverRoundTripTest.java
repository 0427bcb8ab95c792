package io.reprotect.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.OverdueCycles;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.softdelete.DeletedItemRefusedException;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failover back to the primary region, its cancel and commit, and test failover, on the stand-in through the pipeline. */
class FailoverRoundTripTest {

    static final int MIB = 1 << 20;
    static final long LAST_WRITE = 100L * MIB;
    static final String VM = "Microsoft.Compute/virtualMachines";
    static final String DISK = "Microsoft.Compute/disks";
    static final String NIC = "Microsoft.Network/networkInterfaces";

    ReprotectFixture f;
    String itemId;
    /** Every ARM resource (snapshots included) before reprotect created anything. */
    Set<String> beforeProtection;

    @BeforeEach
    void protect() {
        f = new ReprotectFixture();
        beforeProtection = new TreeSet<>(f.arm.resourceIds());
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

    private Job run(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private List<String> disksOf(Job job) {
        return FailoverOutputs.DISKS.read(job).orElseThrow();
    }

    private static byte[] bytes(com.azure.storage.blob.specialized.BlobClientBase blob, long offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) length), null, null, false, null, null);
        return out.toByteArray();
    }

    private static void write(PageBlobClient blob, long offset, byte[] data) {
        blob.uploadPages(new PageRange().setStart(offset).setEnd(offset + data.length - 1), new ByteArrayInputStream(data));
    }

    private Set<String> resources() {
        return new TreeSet<>(f.arm.resourceIds().stream().filter(r -> !r.contains("/snapshots/")).toList());
    }

    @Test
    void plannedFailoverLosesNothingRunsOnTheOriginalNicAndCommits() {
        byte[] lastWords = DemoSeed.pattern(42, MIB);
        write(f.arm.blobOf(f.demo.sourceDiskIds().get(1)), LAST_WRITE, lastWords); // written just before the shutdown
        String waitingCycle = f.items.get(itemId).orElseThrow().cycle().nextCycleJobId();
        int pointsBefore = f.items.get(itemId).orElseThrow().replicaSet().recoveryPoints().size();
        f.crashOnceWhen(j -> j.outputs().containsKey("recoveryPointId")); // take-recovery-point runs twice

        Job job = run(f.failovers.failover(itemId, "Planned", null, id()));

        assertThat(f.items.get(itemId).orElseThrow().replicaSet().recoveryPoints()).as("one final point").hasSize(pointsBefore + 1);

        assertThat(f.store.get(waitingCycle)).as("the failover took over: the cycle waiting for its turn never ran")
                .isEmpty();

        var finalCycle = job.outputs().get("cycleDisks");
        assertThat(finalCycle.findValuesAsText("method")).as("the final sync moves changed ranges only")
                .containsOnly("incremental");
        long moved = finalCycle.findValues("bytesWritten").stream().mapToLong(n -> n.asLong()).sum();
        assertThat(moved).as("bytes moved by the final cycle = bytes changed since the last cycle").isEqualTo(MIB);
        assertThat(f.items.get(itemId).orElseThrow().latestRecoveryPoint().orElseThrow().id())
                .as("the VM is created from the point the final cycle took").isEqualTo(job.id());

        VmInfo vm = f.vms.find(f.demo.targetVmId()).orElseThrow();
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.region()).isEqualTo("westeurope");
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.DEALLOCATED);
        VmShape shape = f.capture.capture(vm.id()).orElseThrow();
        assertThat(shape.nics()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualToIgnoringCase(f.demo.targetNicId());
            assertThat(n.privateIp()).isEqualTo("10.1.0.10");
        });
        assertThat(shape.availabilitySetId()).isEqualToIgnoringCase(f.demo.targetAvailabilitySetId());
        assertThat(shape.dataDisks()).extracting(VmShape.Disk::lun).containsExactly(0);
        assertThat(shape.extensions()).as("reinstalled with type, publisher, version and public settings")
                .singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("AzureMonitorLinuxAgent");
                    assertThat(e.publisher()).isEqualTo("Microsoft.Azure.Monitor");
                    assertThat(e.typeHandlerVersion()).isEqualTo("1.21");
                    assertThat(e.settings().path("workspaceId").asText()).isEqualTo("w-1");
                });
        assertThat(job.outputs().get("extensionsNeedingProtectedSettings").get(0).asText()).isEqualTo("CustomScript");
        List<String> disks = disksOf(job);
        PageBlobClient newData = f.arm.blobOf(disks.get(1));
        PageBlobClient source = f.arm.blobOf(f.demo.sourceDiskIds().get(1));
        assertThat(bytes(newData, LAST_WRITE, MIB)).as("the last write before shutdown").isEqualTo(lastWords);
        assertThat(bytes(newData, 0, 8 * MIB)).isEqualTo(bytes(source, 0, 8 * MIB));
        assertThat(bytes(newData, DemoSeed.LATE_WRITE_OFFSET, 4 * MIB))
                .isEqualTo(bytes(source, DemoSeed.LATE_WRITE_OFFSET, 4 * MIB));
        assertThat(bytes(f.arm.blobOf(disks.get(0)), 0, 4 * MIB)).isEqualTo(bytes(f.arm.blobOf(f.demo.sourceDiskIds().get(0)), 0, 4 * MIB));

        ItemState status = f.failovers.state(itemId).orElseThrow();
        assertThat(status.activeLocation()).isEqualTo("Primary");
        assertThat(status.allowedOperations()).containsExactly("Commit", "ChangeRecoveryPoint", "CancelFailover");
        assertThatThrownBy(() -> f.failovers.testFailover(itemId, null, f.demo.testVnetId(), false, id()))
                .isInstanceOf(OperationNotAllowedException.class)
                .hasMessageContaining("FailedOverPendingCommit").hasMessageContaining("Commit, ChangeRecoveryPoint, CancelFailover");

        assertNotAllowed(() -> f.failovers.failover(itemId, "Unplanned", null, id()), "FailedOverPendingCommit");
        assertNotAllowed(() -> f.failovers.testFailoverCleanup(itemId, id()), "FailedOverPendingCommit");
        assertNotAllowed(() -> f.protections.disable(itemId), "FailedOverPendingCommit");
        ItemState state = f.failovers.state(itemId).orElseThrow();
        assertThat(state.protectionState()).as("replication stopped").isEqualTo("FailedOver");
        assertThat(state.activeLocation()).isEqualTo("Primary");
        assertThat(state.currentScenario()).isEqualTo("None");
        f.queue.advance(java.time.Duration.ofHours(2));
        f.host.runUntilIdle(50);
        assertThat(f.queue.nextScheduled(f.host.listenedQueues())).as("no cycle runs while failed over").isEmpty();
        int rearmed = new OverdueCycles(f.items, f.jobs,
                f.cycles, java.time.Duration.ofMinutes(15), f.lifecycle)
                .healOverdue(f.clock.instant());
        assertThat(rearmed).as("the watchdog re-arms no cycle while failed over").isZero();

        String replicaContainer = f.items.get(itemId).orElseThrow().replicaSet().replicas().get(0).container();
        Job commit = runEachMessageTwice(f.failovers.commit(itemId, id()));

        assertThat(f.failovers.state(itemId).orElseThrow().allowedOperations())
                .containsExactly("Reprotect", "DisableProtection");
        assertThat(f.vms.find(vm.id()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
        Set<String> expected = new TreeSet<>(beforeProtection);
        disks.forEach(d -> expected.add(f.arm.resourceIds().stream().filter(d::equalsIgnoreCase).findFirst().orElse(d)));
        assertThat(f.arm.resourceIds()).as("commit keeps the new VM, its disks and NICs, and what protection created")
                .containsAll(expected);
        assertThat(f.replicaBlob("x").getContainerClient().getBlobContainerName()).isEqualTo(replicaContainer);
        assertThat(f.replicaBlob("x").getContainerClient().exists()).as("replicas and recovery points kept until "
                + "the deleted item expires").isTrue();
        var committed = f.items.get(itemId).orElseThrow();
        assertThat(committed.protectionState()).isEqualTo("FailoverCommitted");
        assertThat(committed.replicaSet().recoveryPoints()).as("the item lists no points; the deleted item keeps them").isEmpty();
        DeletedItem kept = f.deletedBy(commit);
        assertThat(kept.deletedBy()).isEqualTo(DeletedItem.DeletedBy.COMMIT);
        assertThat(kept.item().replicaSet().recoveryPoints()).isNotEmpty();
        assertThat(commit.outputs().get("keptReplicas").asInt()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.softDeletes.undelete(kept.id()))
                .as("a committed failover's data cannot bring the old direction back")
                .isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining("commit of a failover").hasMessageContaining("Reprotect the VM");
        assertNotAllowed(() -> f.failovers.commit(itemId, id()), "FailoverCommitted");
        assertNotAllowed(() -> f.failovers.cancel(itemId, id()), "FailoverCommitted");
        assertNotAllowed(() -> f.failovers.testFailover(itemId, null, f.demo.testVnetId(), false, id()),
                "FailoverCommitted");

        Job forget = run(f.protections.disable(itemId).orElseThrow());
        assertThat(forget.workflow()).isEqualTo("disable-protection");
        assertThat(f.deletedBy(forget).id()).as("the commit's deleted item, kept as it was").isEqualTo(kept.id());
        assertThat(f.items.get(itemId)).isEmpty();
        assertThat(f.failovers.status(itemId)).as("nothing is left of the item").isEmpty();

        Job purge = f.purgeAfterExpiry(kept);
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(purge.outputs().get("deletedReplicas").asInt()).isEqualTo(2);
        assertThat(new TreeSet<>(f.arm.resourceIds())).as("after the purge: the new VM, its disks and NICs; no "
                + "snapshot, nothing else protection created").isEqualTo(expected);
        assertThat(f.replicaBlob("x").getContainerClient().exists()).as("replicas and recovery points deleted")
                .isFalse();
    }

    /** Runs the job delivering each of its stage messages twice (at-least-once delivery). */
    private Job runEachMessageTwice(Job job) {
        for (int round = 0; round < 200 && !f.job(job.id()).state().ended(); round++) {
            var envelope = f.queue.receive(Queues.STAGES).orElseThrow();
            f.runner.run(envelope.message().body());
            f.runner.run(envelope.message().body());
            f.queue.complete(envelope);
        }
        Job done = f.job(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    private static void assertNotAllowed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String state) {
        assertThatThrownBy(call).isInstanceOf(OperationNotAllowedException.class).hasMessageContaining(state)
                .hasMessageContaining("allowed now:");
    }

    @Test
    void aPlannedFailoverWhoseFinalSyncCannotRunCreatesNothingAndCancelRestartsTheSource() {
        Set<String> before = resources();
        f.arm.faults().deny("PUT", "/snapshots/"); // the final cycle cannot snapshot the source disks

        Job job = f.runToEnd(f.failovers.failover(itemId, "Planned", null, id()).id());

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(job.tasks().stream().flatMap(t -> t.errors().stream()).map(e -> e.code()))
                .contains("FinalSyncFailed");
        assertThat(resources()).as("nothing created from an older point").isEqualTo(before);
        assertThat(f.failovers.state(itemId).orElseThrow().allowedOperations()).containsExactly("CancelFailover");
        run(f.failovers.cancel(itemId, id()));
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void unplannedFailoverFromAPointEqualsItNeverTouchesTheSecondaryRegionAndCancelLeavesNothing() {
        var item = f.items.get(itemId).orElseThrow();
        String pointId = item.replicaSet().recoveryPoints().get(0).id();
        List<String> snapshotUrls = item.replicaSet().recoveryPoints().get(0).disks().stream()
                .map(RecoveryPoint.DiskPoint::blobUrl).toList();
        write(f.arm.blobOf(f.demo.sourceDiskIds().get(1)), LAST_WRITE, DemoSeed.pattern(43, MIB)); // after the point
        Set<String> before = resources();
        f.arm.faults().next("*", "/resourceGroups/app-rg-asr/", 503, Map.of(), 10_000); // the secondary region is down
        int disksBefore = f.arm.createdCount(DISK);
        f.crashOnceWhen(j -> j.outputs().containsKey(FailoverOutputs.DISKS.name())); // create-failover-disks runs twice

        Job job = run(f.failovers.failover(itemId, "Unplanned", pointId, id()));

        assertThat(f.arm.createdCount(DISK)).as("each disk created once").isEqualTo(disksBefore + 2);
        List<String> disks = disksOf(job);
        for (int i = 0; i < disks.size(); i++) {
            String url = snapshotUrls.get(i);
            var point = f.replicaBlob(java.net.URLDecoder.decode(url.substring(url.indexOf(f.replicaContainer)
                    + f.replicaContainer.length() + 1, url.indexOf('?')), java.nio.charset.StandardCharsets.UTF_8)).getSnapshotClient(java.net.URLDecoder.decode(
                    url.substring(url.indexOf("snapshot=") + 9), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(bytes(f.arm.blobOf(disks.get(i)), 0, 8 * MIB)).isEqualTo(bytes(point, 0, 8 * MIB));
            assertThat(bytes(f.arm.blobOf(disks.get(i)), DemoSeed.LATE_WRITE_OFFSET, 4 * MIB))
                    .isEqualTo(bytes(point, DemoSeed.LATE_WRITE_OFFSET, 4 * MIB));
        }
        assertThat(bytes(f.arm.blobOf(disks.get(1)), LAST_WRITE, MIB)).as("written after the point").containsOnly(0);
        assertThat(f.failovers.status(itemId).orElseThrow().recoveryPointId()).isEqualTo(pointId);
        f.arm.faults().clear();
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).as("untouched").isEqualTo(PowerState.RUNNING);

        run(f.failovers.cancel(itemId, id()));
        assertThat(resources()).as("cancel leaves what was there before").isEqualTo(before);
        assertThat(f.failovers.state(itemId).orElseThrow().allowedOperations()).contains("PlannedFailover", "TestFailover");
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
        var protectedAgain = f.items.get(itemId).orElseThrow();
        assertThat(protectedAgain.protectionState()).isEqualTo("Protected");
        Job cycle = f.nextCycle();
        assertThat(cycle.workflow()).as("replication resumes after cancel").isEqualTo("replication-cycle");
        assertThat(f.items.get(itemId).orElseThrow().replicaSet().recoveryPoints().size())
                .isGreaterThan(item.replicaSet().recoveryPoints().size());
    }

    @Test
    void drillRunsIsolatedAndCleanupLeavesNothingOnceOrTwice() {
        assertThatThrownBy(() -> f.failovers.testFailover(itemId, "Latest", f.demo.primaryVnetId(), false, id()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("production network");
        assertThatThrownBy(() -> f.failovers.testFailover(itemId, "Latest", null, false, id()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("networkId");
        Set<String> before = resources();
        int vms = f.arm.createdCount(VM);
        f.crashOnceWhen(j -> j.outputs().containsKey(FailoverOutputs.VM.name())); // create-failover-vm runs twice

        Job drill = run(f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id()));

        assertThat(f.arm.createdCount(VM)).as("one drill VM").isEqualTo(vms + 1);
        String vmId = drill.outputs().get(FailoverOutputs.VM.name()).asText();
        VmInfo vm = f.vms.find(vmId).orElseThrow();
        assertThat(vm.name()).isEqualTo("app01-test");
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.tags()).containsEntry(FailoverOutputs.TAG_JOB, drill.id());
        VmShape.Nic nic = f.capture.capture(vmId).orElseThrow().nics().get(0);
        assertThat(nic.subnetId()).startsWithIgnoringCase(f.demo.testVnetId());
        assertThat(nic.privateIp()).isEqualTo("10.1.0.10");
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).as("production untouched")
                .isEqualTo(PowerState.RUNNING);
        assertThat(f.vms.find(f.demo.targetVmId())).as("no VM under the production name").isEmpty();
        assertThat(f.failovers.state(itemId).orElseThrow().testFailoverState()).isEqualTo("WaitingForCleanup");
        assertThatThrownBy(() -> f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id()))
                .isInstanceOf(OperationNotAllowedException.class).hasMessageContaining("TestFailoverCleanup");

        String key = id();
        Job cleanup = run(f.failovers.testFailoverCleanup(itemId, key));
        assertThat(resources()).as("cleanup leaves nothing it created").isEqualTo(before);
        assertThat(f.failovers.testFailoverCleanup(itemId, key).id()).as("the same call again: the same job")
                .isEqualTo(cleanup.id());
        assertThatThrownBy(() -> f.failovers.testFailoverCleanup(itemId, id()))
                .isInstanceOf(OperationNotAllowedException.class);
        assertThat(f.failovers.state(itemId).orElseThrow().allowedOperations()).contains("TestFailover");
    }
}

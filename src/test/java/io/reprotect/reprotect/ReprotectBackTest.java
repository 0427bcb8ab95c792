package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.core.type.TypeReference;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reprotect back: after a failback to the primary region is committed, the same reprotect stages run
 * mirrored (PrimaryToRecovery) and the item replicates from the primary region toward the secondary one.
 */
class ReprotectBackTest {

    static final int MIB = 1 << 20;
    static final String STORAGE = "Microsoft.Storage/storageAccounts";
    static final String SNAPSHOT = "Microsoft.Compute/snapshots";
    static final String VM = "Microsoft.Compute/virtualMachines";
    static final String DISK = "Microsoft.Compute/disks";

    ReprotectFixture f;
    String itemId;

    @BeforeEach
    void protect() {
        f = new ReprotectFixture();
        succeeded(f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id()));
        itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Job succeeded(Job job) {
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        return job;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private String back(String vmId) {
        return "{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"PrimaryToRecovery\", \"primaryRegion\": \""
                + f.demo.primaryRegion() + "\"}";
    }

    private void failBack() {
        succeeded(f.runToEnd(f.failovers.failover(itemId, "Planned", null, id()).id()));
        succeeded(f.runToEnd(f.failovers.commit(itemId, id()).id()));
    }

    private ProtectedItem item() {
        return f.items.get(itemId).orElseThrow();
    }

    private static void write(PageBlobClient blob, long offset, byte[] data) {
        blob.uploadPages(new PageRange().setStart(offset).setEnd(offset + data.length - 1), new ByteArrayInputStream(data));
    }

    private static byte[] bytes(PageBlobClient blob, long offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) length), null, null, false, null, null);
        return out.toByteArray();
    }

    private PageBlobClient replica(ProtectedItem item, int disk) {
        var replica = item.replicaSet().replicas().get(disk);
        return f.blobs.account(item.placement().targetStorageAccount().blobEndpoint()).getBlobContainerClient(replica.container())
                .getBlobClient(replica.blobName()).getPageBlobClient();
    }

    /** Delivers every message of the job twice (at-least-once delivery at its worst) until it ends. */
    private Job runDeliveringTwice(String jobId) {
        for (int round = 0; round < 500 && !f.job(jobId).state().ended(); round++) {
            var envelope = f.queue.receive(Queues.STAGES);
            if (envelope.isPresent()) {
                f.runner.run(envelope.get().message().body());
                f.runner.run(envelope.get().message().body());
                f.queue.complete(envelope.get());
            } else {
                f.queue.advance(Duration.ofSeconds(1));
                sleep(50);
            }
        }
        return f.job(jobId);
    }

    @Test
    void theRoundTripEndsProtectedTowardTheSecondaryRegionAndCyclesCarryPrimaryWritesThere() throws Exception {
        failBack();
        VmInfo primary = f.vms.find(f.demo.targetVmId()).orElseThrow();
        PageBlobClient primaryData = f.arm.blobOf(primary.allDiskIds().get(1));
        byte[] afterFailback = DemoSeed.pattern(77, 2 * MIB);
        write(primaryData, 200L * MIB, afterFailback); // the VM works in the primary region before reprotect back
        ProtectedItem before = item();
        int accounts = f.arm.createdCount(STORAGE);
        int snapshots = f.arm.createdCount(SNAPSHOT);
        int vms = f.arm.createdCount(VM);
        int disks = f.arm.createdCount(DISK);

        String example = Files.readString(Path.of("examples/reprotect-back-request.json")); // the request of docs/local-stand-ins.md's rehearsal
        assertThat(example).contains(f.demo.targetVmId());
        Job back = succeeded(runDeliveringTwice(f.submit(example).id()));

        assertThat(f.arm.createdCount(STORAGE)).as("cache and target accounts in the secondary region, once each")
                .isEqualTo(accounts + 2);
        assertThat(f.arm.createdCount(SNAPSHOT)).as("one source snapshot per disk").isEqualTo(snapshots + 2);
        assertThat(f.arm.createdCount(VM)).as("no VM created").isEqualTo(vms);
        assertThat(f.arm.createdCount(DISK)).as("no disk created").isEqualTo(disks);
        assertThat(f.vms.find(f.demo.sourceVmId())).as("the old secondary VM: seeded, then deleted").isEmpty();
        assertThat(back.outputs().get(Outputs.TARGET_VM_SHAPE.name()).path("name").asText()).isEqualTo("app01");

        ProtectedItem item = item();
        assertThat(item.protectionState()).isEqualTo(ProtectedItem.PROTECTED);
        assertThat(item.placement().direction()).isEqualTo("PrimaryToRecovery");
        assertThat(item.placement().activeLocation()).isEqualTo("Primary");
        assertThat(item.vmId()).isEqualToIgnoringCase(f.demo.targetVmId());
        assertThat(item.placement().replicaRegion()).isEqualTo(f.demo.secondaryRegion());
        assertThat(item.placement().targetResourceGroup()).isEqualTo(f.demo.secondaryResourceGroup());
        assertThat(f.accounts.find(item.placement().targetStorageAccount().id()).orElseThrow().region())
                .isEqualTo(f.demo.secondaryRegion());
        assertThat(f.accounts.find(item.placement().cacheStorageAccount().id()).orElseThrow().region())
                .isEqualTo(f.demo.secondaryRegion());
        assertThat(item.replicaSet().replicas()).extracting(Outputs.Replica::sourceDiskId)
                .containsExactlyElementsOf(primary.allDiskIds());
        assertThat(f.items.findByVm(f.demo.targetVmId())).as("found by the VM now running").isPresent();
        var kept = f.deletedItems.get(DeletedItem.idOf(before)).orElseThrow();
        assertThat(kept.deletedBy()).as("the commit kept the previous direction as a deleted item")
                .isEqualTo(DeletedItem.DeletedBy.COMMIT);
        assertThat(replica(before, 0).exists()).as("the previous direction's replicas stay until it expires").isTrue();
        assertThat(kept.item().replicaSet().baseSnapshotIds()).as("and its source snapshots").allMatch(s -> f.arm.resourceIds()
                .stream().anyMatch(s::equalsIgnoreCase));

        long diskBytes = 2L * DemoSeed.DISK_SIZE_GB << 30;
        List<ResyncDisks.DiskResult> resync = JobJson.MAPPER.convertValue(back.outputs().get(ResyncDisks.RESULTS.name()),
                new TypeReference<List<ResyncDisks.DiskResult>>() { });
        long written = resync.stream().mapToLong(ResyncDisks.DiskResult::bytesWritten).sum();
        assertThat(written).as("only what the primary VM wrote after failback").isEqualTo(afterFailback.length);
        assertThat(written * 100).as("bytes copied << disk size").isLessThan(diskBytes);
        assertThat(bytes(replica(item, 1), 200L * MIB, afterFailback.length)).isEqualTo(afterFailback);

        var status = f.failovers.state(itemId).orElseThrow();
        assertThat(status.allowedOperations()).contains("PlannedFailover", "UnplannedFailover", "TestFailover");
        assertThat(f.failovers.activeLocation(itemId)).isEqualTo("Primary");

        byte[] later = DemoSeed.pattern(88, MIB);
        write(primaryData, 300L * MIB, later);
        Job cycle = succeeded(f.runToEnd(item.cycle().nextCycleJobId()));
        assertThat(cycle.vmId()).isEqualToIgnoringCase(f.demo.targetVmId());
        assertThat(bytes(replica(item(), 1), 300L * MIB, MIB)).as("a write on the primary VM, in the secondary replica")
                .isEqualTo(later);
        assertThat(item().replicaSet().recoveryPoints()).hasSize(2);
    }

    @Test
    void aFailoverAfterReprotectBackGoesToTheSecondaryRegion() {
        failBack();
        succeeded(f.runToEnd(f.submit(back(f.demo.sourceVmId())).id())); // named by the item's first VM: the same item
        byte[] lastWords = DemoSeed.pattern(99, MIB);
        write(f.arm.blobOf(f.vms.find(f.demo.targetVmId()).orElseThrow().allDiskIds().get(1)), 100L * MIB, lastWords);

        Job failover = succeeded(f.runToEnd(f.failovers.failover(itemId, "Planned", null, id()).id()));

        VmInfo vm = f.vms.find(f.demo.sourceVmId()).orElseThrow();
        assertThat(vm.region()).isEqualTo(f.demo.secondaryRegion());
        assertThat(f.vms.find(f.demo.targetVmId()).orElseThrow().powerState().name()).isEqualTo("DEALLOCATED");
        assertThat(bytes(f.arm.blobOf(vm.allDiskIds().get(1)), 100L * MIB, MIB)).as("nothing lost").isEqualTo(lastWords);
        assertThat(f.failovers.activeLocation(itemId)).isEqualTo("Recovery");
        assertThat(failover.id()).isNotNull();
    }

    @Test
    void reprotectOfAnItemNotCommittedAnswersWithItsStateAndWhatIsAllowed() {
        assertThatThrownBy(() -> f.submit(back(f.demo.sourceVmId())))
                .isInstanceOf(OperationNotAllowedException.class)
                .hasMessageContaining("failoverState None").hasMessageContaining("PlannedFailover");
        succeeded(f.runToEnd(f.failovers.failover(itemId, "Planned", null, id()).id()));
        assertThatThrownBy(() -> f.submit(back(f.demo.targetVmId())))
                .isInstanceOf(OperationNotAllowedException.class)
                .hasMessageContaining("FailedOverPendingCommit").hasMessageContaining("Commit, ChangeRecoveryPoint");
        succeeded(f.runToEnd(f.failovers.commit(itemId, id()).id()));
        assertThatThrownBy(() -> f.submit(f.request(f.demo.targetVmId(), "")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be PrimaryToRecovery");
    }

    @Test
    void primaryToRecoveryForAVmWithoutItemIsRefused() {
        assertThatThrownBy(() -> f.submit(back(f.demo.primaryVnetId().replace("Microsoft.Network/virtualNetworks/app-vnet",
                "Microsoft.Compute/virtualMachines/other"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no protected item");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

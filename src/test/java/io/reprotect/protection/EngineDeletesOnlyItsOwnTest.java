package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Across every workflow, failing runs included, the engine deletes nothing it did not create. The stand-in is seeded
 * with look-alike customer resources: disks and a NIC named as the drill used to name its own (`-test`), a disk under
 * the name a failover plans, a storage account that carries the engine's tags and is locked, and the demo's own
 * disks, NICs and public IP that the VMs reprotect deletes were created with (some {@code deleteOption: Delete}).
 * Then reprotect (failing once at the delete, then resumed), replication cycles, a drill and its cleanup, a failover
 * that fails and its cancel, a planned failover and its commit, reprotect back and disable protection all run. Every
 * resource that existed before, except the two VMs reprotect deletes by design (the old primary, then the old
 * secondary), still exists afterwards; the look-alikes are unchanged, bytes included.
 */
class EngineDeletesOnlyItsOwnTest {

    static final String RG = "app-rg";
    static final String VM = "/providers/Microsoft.Compute/virtualMachines/";

    ReprotectFixture f;
    String itemId;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
        itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyWorkflowLeavesEveryResourceItDidNotCreate() throws Exception {
        Map<String, JsonNode> lookAlikes = seedLookAlikes();
        Map<String, String> lookAlikeBytes = new LinkedHashMap<>();
        for (String disk : lookAlikes.keySet()) {
            if (disk.contains("/disks/")) {
                lookAlikeBytes.put(disk, digest(f.arm.blobOf(disk)));
            }
        }
        Set<String> before = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        before.addAll(f.arm.resourceIds());
        // deleted by design: the old primary VM (by reprotect) and the old secondary VM (by reprotect back)
        Set<String> deletedByDesign = Set.of(f.demo.targetVmId().toLowerCase(), f.demo.sourceVmId().toLowerCase());

        // reprotect that fails at its delete (the old primary VM cannot be deleted), then resumed
        f.arm.faults().deny("DELETE", "/resourceGroups/" + RG + VM + "app01$");
        Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Failed);
        f.arm.faults().clear();
        f.jobs.resume(reprotect.id());
        succeeded(f.runToEnd(reprotect.id()));
        f.nextCycle();
        f.nextCycle();

        // a drill and its cleanup; a drill that fails part-way and its cleanup
        succeeded(f.runToEnd(f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id()).id()));
        succeeded(f.runToEnd(f.failovers.testFailoverCleanup(itemId, id()).id()));
        f.arm.faults().deny("PUT", VM + "app01-test");
        Job drill = f.runToEnd(f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id()).id());
        assertThat(drill.state()).as(ReprotectFixture.describe(drill)).isEqualTo(JobState.Failed);
        f.arm.faults().clear();
        succeeded(f.runToEnd(f.failovers.testFailoverCleanup(itemId, id()).id()));

        // a failover that fails when it creates its VM, and its cancel
        f.arm.faults().deny("PUT", "/resourceGroups/" + RG + VM + "app01$");
        Job failed = f.runToEnd(f.failovers.failover(itemId, "Unplanned", null, id()).id());
        assertThat(failed.state()).as(ReprotectFixture.describe(failed)).isEqualTo(JobState.Failed);
        f.arm.faults().clear();
        succeeded(f.runToEnd(f.failovers.cancel(itemId, id()).id()));

        // home: planned failover and commit, then reprotect back and disable protection
        f.nextCycle();
        succeeded(f.runToEnd(f.failovers.failover(itemId, "Planned", null, id()).id()));
        succeeded(f.runToEnd(f.failovers.commit(itemId, id()).id()));
        String back = "{\"vmId\": \"" + f.demo.targetVmId() + "\", \"failoverDirection\": \"PrimaryToRecovery\","
                + " \"primaryRegion\": \"" + f.demo.primaryRegion() + "\"}";
        succeeded(f.runToEnd(f.submit(back).id()));
        String backItem = ProtectedItemStore.idOf(f.demo.targetVmId());
        if (f.items.get(backItem).isEmpty()) {
            backItem = itemId;
        }
        succeeded(f.runToEnd(f.protections.disable(backItem).orElseThrow().id()));

        Set<String> after = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        after.addAll(f.arm.resourceIds());
        List<String> missing = before.stream().filter(id -> !deletedByDesign.contains(id.toLowerCase()))
                .filter(id -> !after.contains(id)).toList();
        assertThat(missing).as("resources that existed before the engine ran and are gone").isEmpty();
        for (Map.Entry<String, JsonNode> lookAlike : lookAlikes.entrySet()) {
            JsonNode now = f.arm.resource(lookAlike.getKey());
            assertThat(now).as(lookAlike.getKey()).isNotNull();
            assertThat(now.path("tags")).as("tags of " + lookAlike.getKey()).isEqualTo(lookAlike.getValue().path("tags"));
            assertThat(now.path("managedBy").asText(null)).as("attached: " + lookAlike.getKey()).isNull();
        }
        for (Map.Entry<String, String> bytes : lookAlikeBytes.entrySet()) {
            assertThat(digest(f.arm.blobOf(bytes.getKey()))).as("bytes of " + bytes.getKey()).isEqualTo(bytes.getValue());
        }
        assertThat(f.arm.locks().all()).as("the customer's lock").anySatisfy(lock ->
                assertThat(lock.name()).isEqualTo("customer-keep"));
    }

    /** The look-alikes, by id, as the stand-in held them when seeded. */
    private Map<String, JsonNode> seedLookAlikes() {
        String region = f.demo.primaryRegion();
        Map<String, JsonNode> seeded = new LinkedHashMap<>();
        for (String disk : f.demo.targetDiskIds()) {
            String name = disk.substring(disk.lastIndexOf('/') + 1);
            String lookAlike = f.arm.createDisk(RG, name + "-test", region, 1, "Premium_LRS");
            write(f.arm.blobOf(lookAlike), DemoSeed.pattern(5, 64 * 1024));
            seeded.put(lookAlike, null);
        }
        seeded.put(f.arm.createNic(RG, "app01-nic-test", region, f.demo.testVnetId() + "/subnets/default", null), null);
        String account = f.accounts.createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), RG,
                "custlookalike01", region)).id();
        f.arm.locks().lock(account, "customer-keep", "the customer's own lock");
        seeded.put(account, null);
        seeded.replaceAll((id, none) -> f.arm.resource(id).deepCopy());
        return seeded;
    }

    private static Job succeeded(Job job) {
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        return job;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static void write(PageBlobClient blob, byte[] data) {
        blob.uploadPages(new com.azure.storage.blob.models.PageRange().setStart(0).setEnd(data.length - 1),
                new ByteArrayInputStream(data));
    }

    private static String digest(PageBlobClient blob) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob.downloadStreamWithResponse(out, new com.azure.storage.blob.models.BlobRange(0, 64L * 1024), null, null,
                false, null, null);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    }
}

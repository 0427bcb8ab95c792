package io.reprotect.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover and drill touch only what they own: their disks and NICs are named after the job and tagged with it;
 * a resource of a planned name that is not the job's is neither used nor deleted; what a job created before it
 * failed is found by cleanup and cancel; a drill VM gets no production identity, tag or peered network.
 */
class FailoverOwnResourcesTest {

    static final String DISK = "Microsoft.Compute/disks";
    static final String RG = "app-rg";
    static final String REGION = "westeurope";

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

    private void protect() {
        f.protectDemo("");
    }

    private Job run(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private Job drill() {
        return f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id());
    }

    private String diskId(String name) {
        return "/subscriptions/" + f.demo.subscriptionId() + "/resourceGroups/" + RG + "/providers/" + DISK + "/" + name;
    }

    private Set<String> disks() {
        return new TreeSet<>(f.arm.resourceIds().stream().filter(r -> r.contains("/disks/")).toList());
    }

    private static List<String> ids(Job job, OutputKey<List<String>> output) {
        return output.read(job).orElse(List.of());
    }

    @Test
    void aCustomerDiskNamedLikeTheDrillsDiskIsNeitherAttachedNorDeleted() {
        protect();
        String customer = f.arm.createDisk(RG, "app01-osdisk-test", REGION, 1, "Premium_LRS");

        Job drill = run(drill());

        String vmId = drill.outputs().get(FailoverOutputs.VM.name()).asText();
        VmShape shape = f.capture.capture(vmId).orElseThrow();
        assertThat(shape.osDisk().diskId()).as("the drill VM's OS disk is the drill's own")
                .isNotEqualToIgnoringCase(customer).containsIgnoringCase("-test-" + drill.id().substring(0, 8));
        assertThat(f.disks.find(customer).orElseThrow().managedBy()).as("not attached to the drill VM").isNull();

        run(f.failovers.testFailoverCleanup(itemId, id()));

        assertThat(f.disks.find(customer)).as("the customer's disk survives the cleanup").isPresent();
        assertThat(f.disks.find(ids(drill, FailoverOutputs.DISKS).get(0))).as("the drill's own disk is gone").isEmpty();
    }

    @Test
    void aDiskLeftByAnEarlierDrillJobIsNotReusedNorDeleted() {
        protect();
        // what a half-failed drill of another job left under the name drills once had
        String leaked = f.arm.createDisk(RG, "app01-osdisk-test", REGION, 1, "Premium_LRS",
                Map.of(FailoverOutputs.TAG_JOB, id(), FailoverOutputs.TAG_DRILL, "true"));

        Job drill = run(drill());

        assertThat(ids(drill, FailoverOutputs.DISKS)).as("fresh disks, not the leaked one")
                .noneMatch(leaked::equalsIgnoreCase);
        run(f.failovers.testFailoverCleanup(itemId, id()));
        assertThat(f.disks.find(leaked)).as("another job's disk is not this cleanup's to delete").isPresent();
    }

    @Test
    void aDrillThatFailsPartWayThroughItsDisksLeavesNoDiskAfterCleanup() {
        protect();
        Set<String> before = disks();
        f.arm.faults().deny("PUT", "/disks/app01-datadisk-test"); // the second import is refused

        Job drill = f.runToEnd(drill().id());

        assertThat(drill.state()).as(ReprotectFixture.describe(drill)).isEqualTo(JobState.Failed);
        assertThat(disks()).as("the OS disk was imported before the failure").hasSize(before.size() + 1);
        Job cleanup = run(f.failovers.testFailoverCleanup(itemId, id()));
        assertThat(disks()).as("cleanup finds the disk imported before the failure").isEqualTo(before);
        assertThat(cleanup.outputs().get(FailoverOutputs.LEFT_ALONE.name())).isEmpty();
    }

    @Test
    void aFailoverThatFailsPartWayThroughItsDisksLeavesNoDiskAfterCancel() {
        protect();
        Set<String> before = disks();
        f.arm.faults().deny("PUT", "/disks/app01-datadisk-fb");

        Job failover = f.runToEnd(f.failovers.failover(itemId, "Unplanned", null, id()).id());

        assertThat(failover.state()).as(ReprotectFixture.describe(failover)).isEqualTo(JobState.Failed);
        assertThat(disks()).hasSize(before.size() + 1);
        run(f.failovers.cancel(itemId, id()));
        assertThat(disks()).as("cancel finds the disk imported before the failure").isEqualTo(before);
    }

    @Test
    void cleanupLeavesADiskThatReplacedTheDrillsOwnAndSaysSo() {
        protect();
        f.arm.faults().deny("PUT", "/virtualMachines/app01-test"); // the drill fails after its disks
        Job drill = f.runToEnd(drill().id());
        assertThat(drill.state()).isEqualTo(JobState.Failed);
        String os = ids(drill, FailoverOutputs.DISKS).get(0);
        String name = os.substring(os.lastIndexOf('/') + 1);
        f.arm.deleteDisk(os);
        String replaced = f.arm.createDisk(RG, name, REGION, 1, "Premium_LRS"); // someone's disk, same name

        Job cleanup = run(f.failovers.testFailoverCleanup(itemId, id()));

        assertThat(f.disks.find(replaced)).as("not the drill's: kept").isPresent();
        assertThat(cleanup.outputs().get(FailoverOutputs.LEFT_ALONE.name()).toString()).contains(name)
                .contains(FailoverOutputs.TAG_JOB);
        assertThat(f.disks.find(ids(drill, FailoverOutputs.DISKS).get(1))).as("the drill's data disk: deleted").isEmpty();
    }

    @Test
    void cleanupRevokesADrillDisksActiveGrantBeforeDeletingIt() {
        protect();
        f.arm.faults().deny("PUT", "/virtualMachines/app01-test"); // the drill fails after its disks
        Job drill = f.runToEnd(drill().id());
        assertThat(drill.state()).isEqualTo(JobState.Failed);
        String os = ids(drill, FailoverOutputs.DISKS).get(0);
        f.disks.grantRead(os, Duration.ofHours(1)); // read access left active on the drill's disk
        assertThatThrownBy(() -> f.disks.delete(os)).as("Azure refuses to delete a disk whose SAS is active")
                .isInstanceOf(CloudException.class);

        run(f.failovers.testFailoverCleanup(itemId, id()));

        assertThat(f.disks.find(os)).as("revoked, then deleted").isEmpty();
    }

    @Test
    void aRerunDuringALongImportWaitsAndKeepsTheBlobTheImportReads() throws Exception {
        protect();
        Job drill = drill();
        f.arm.holdDiskImports(true);
        var envelope = f.queue.receive(Queues.STAGES).orElseThrow();
        String body = envelope.message().body();
        Thread first = new Thread(() -> f.runner.run(body), "first-run");
        first.start(); // imports the OS disk and waits for it, as a run cut off by its timeout would
        String short8 = drill.id().replace("-", "").substring(0, 8);
        String diskId = diskId("app01-osdisk-test-" + short8);
        String temp = "failover/" + drill.id() + "/0-app01-osdisk-test-" + short8 + ".vhd";
        long until = System.currentTimeMillis() + 30_000;
        while (f.arm.resource(diskId) == null && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertThat(f.arm.resource(diskId).at("/properties/provisioningState").asText()).isEqualTo("Creating");

        f.runner.run(body); // the message delivered again while the import runs

        assertThat(f.replicaBlob(temp).exists()).as("the blob the import reads is kept").isTrue();
        assertThat(f.disks.find(diskId)).as("the disk being imported is kept").isPresent();
        Job waiting = f.job(drill.id());
        assertThat(waiting.task("create-failover-disks").orElseThrow().progress().detail()).contains("import");
        f.arm.holdDiskImports(false);
        first.join(30_000);
        f.queue.complete(envelope);

        Job done = run(waiting);
        assertThat(ids(done, FailoverOutputs.DISKS)).first().asString().isEqualToIgnoringCase(diskId);
        assertThat(f.replicaBlob(temp).exists()).as("deleted once the import is done").isFalse();
    }

    @Test
    void aDrillVmGetsNoProductionIdentityOrTagUnlessAskedByName() {
        String idA = "/subscriptions/" + f.demo.subscriptionId() + "/resourceGroups/" + RG
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-db-reader";
        String idB = idA.replace("app-db-reader", "app-queue-writer");
        f.arm.setIdentity(f.demo.targetVmId(), "SystemAssigned, UserAssigned", List.of(idA, idB));
        f.vms.replaceTags(f.demo.targetVmId(), Map.of("app", "demo", "costCenter", "prod-42"));
        protect();

        Job drill = run(drill());

        JsonNode vm = f.arm.resource(drill.outputs().get(FailoverOutputs.VM.name()).asText());
        assertThat(vm.at("/identity/userAssignedIdentities").isMissingNode()).as("no user-assigned identity: "
                + vm.get("identity")).isTrue();
        assertThat(vm.at("/identity/type").asText()).isEqualTo("SystemAssigned");
        assertThat(f.vms.find(vm.get("id").asText()).orElseThrow().tags()).as("only the drill's own tags")
                .containsOnlyKeys(FailoverOutputs.TAG_JOB, FailoverOutputs.TAG_DRILL);
        run(f.failovers.testFailoverCleanup(itemId, id()));

        assertThatThrownBy(() -> f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false,
                new DrillKeep(List.of("no-such-identity"), List.of()), id()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("keepIdentities")
                .hasMessageContaining("app-db-reader");
        Job kept = run(f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false,
                new DrillKeep(List.of("app-db-reader"), List.of("costCenter")), id()));

        JsonNode keptVm = f.arm.resource(kept.outputs().get(FailoverOutputs.VM.name()).asText());
        List<String> assigned = new java.util.ArrayList<>();
        keptVm.at("/identity/userAssignedIdentities").fieldNames().forEachRemaining(assigned::add);
        assertThat(assigned).singleElement().asString().endsWithIgnoringCase("/app-db-reader");
        assertThat(f.vms.find(keptVm.get("id").asText()).orElseThrow().tags())
                .containsEntry("costCenter", "prod-42").doesNotContainKey("app");
    }

    @Test
    void aDrillNetworkPeeredWithProductionIsRefused() {
        protect();
        f.arm.peerNetworks(f.demo.testVnetId(), f.demo.primaryVnetId());

        assertThatThrownBy(this::drill).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("peered").hasMessageContaining(f.demo.primaryVnetId());
        assertThatThrownBy(() -> f.failovers.testFailover(itemId, "Latest", f.demo.primaryVnetId().toUpperCase()
                + "/", false, id())).as("the production network itself, however written")
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("production network");
        assertThat(f.failovers.state(itemId).orElseThrow().allowedOperations()).as("nothing started")
                .contains("TestFailover");
    }

    @Test
    void aNewNicGetsTheOriginalPublicIpWhenItIsFree() {
        String pip = f.arm.createPublicIp(RG, "app01-pip", REGION);
        f.arm.setPublicIp(f.demo.targetNicId(), pip);
        protect();
        f.networks.deleteNic(f.demo.targetNicId()); // the original NIC is gone; its public IP is free

        Job failover = run(f.failovers.failover(itemId, "Unplanned", null, id()));

        VmShape.Nic nic = f.capture.capture(failover.outputs().get(FailoverOutputs.VM.name()).asText()).orElseThrow()
                .nics().get(0);
        assertThat(nic.id()).isNotEqualToIgnoringCase(f.demo.targetNicId());
        assertThat(nic.publicIpId()).isEqualToIgnoringCase(pip);
        assertThat(failover.outputs().get(FailoverOutputs.PUBLIC_IPS_NOT_ATTACHED.name())).isEmpty();
    }

    @Test
    void aNewNicWhosePublicIpIsTakenSaysItIsNotAttached() {
        String pip = f.arm.createPublicIp(RG, "app01-pip", REGION);
        f.arm.setPublicIp(f.demo.targetNicId(), pip);
        protect();
        f.networks.deleteNic(f.demo.targetNicId());
        String other = f.arm.createNic(RG, "web01-nic", REGION, f.demo.primaryVnetId() + "/subnets/default", null);
        f.arm.setPublicIp(other, pip); // someone gave the freed public IP to another VM's NIC

        Job failover = run(f.failovers.failover(itemId, "Unplanned", null, id()));

        VmShape.Nic nic = f.capture.capture(failover.outputs().get(FailoverOutputs.VM.name()).asText()).orElseThrow()
                .nics().get(0);
        assertThat(nic.publicIpId()).isNull();
        assertThat(failover.outputs().get(FailoverOutputs.PUBLIC_IPS_NOT_ATTACHED.name()).toString())
                .contains(pip).contains("in use by").contains("web01-nic");
        assertThat(f.networks.findNic(other).orElseThrow().publicIpId()).as("the other NIC keeps it")
                .isEqualToIgnoringCase(pip);
    }

    /** Every resource but snapshots (replication's), by id. */
    private Set<String> resources() {
        return new TreeSet<>(f.arm.resourceIds().stream().filter(r -> !r.contains("/snapshots/")).toList());
    }

    @Test
    void lookAlikeResourcesSurviveADrillAFailedFailoverAndTheirCleanupAndCancel() {
        protect();
        String failoverJob = id();
        String short8 = failoverJob.replace("-", "").substring(0, 8);
        String osLookAlike = f.arm.createDisk(RG, "app01-osdisk-test", REGION, 1, "Premium_LRS");
        String nicLookAlike = f.arm.createNic(RG, "app01-nic-test", REGION, f.demo.testVnetId() + "/subnets/default", null);
        // a customer's disk under exactly the name the failover will plan for its data disk
        String dataLookAlike = f.arm.createDisk(RG, "app01-datadisk-fb" + short8, REGION, 1, "Premium_LRS");
        Set<String> before = resources();

        run(drill());
        run(f.failovers.testFailoverCleanup(itemId, id()));
        assertThat(resources()).as("drill and cleanup: everything that was there, nothing more").isEqualTo(before);

        Job failover = f.runToEnd(f.failovers.failover(itemId, "Unplanned", null, failoverJob).id());
        assertThat(failover.state()).isEqualTo(JobState.Failed);
        assertThat(ReprotectFixture.describe(failover)).contains("ResourceNameTaken").contains(dataLookAlike);
        assertThat(f.disks.find(dataLookAlike).orElseThrow().managedBy()).isNull();
        run(f.failovers.cancel(itemId, id()));

        assertThat(resources()).as("failover and cancel: everything that was there, nothing more").isEqualTo(before);
        assertThat(List.of(osLookAlike, nicLookAlike, dataLookAlike)).allSatisfy(r ->
                assertThat(f.arm.resource(r)).as(r).isNotNull());
    }
}

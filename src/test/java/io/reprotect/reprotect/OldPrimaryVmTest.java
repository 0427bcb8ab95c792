package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.testkit.ReprotectFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The old primary VM that reprotect stops and deletes: only that VM (the one that failed over, in the region the
 * replicas go to, no other item's), only the VM itself (its disks, NICs and public IP are kept whatever their
 * deleteOption said), and a warning first when it may hold writes never replicated.
 */
class OldPrimaryVmTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String publicIpId() {
        return f.demo.targetNicId().replace("networkInterfaces/app01-nic", "publicIPAddresses/app01-ip");
    }

    private Job run() {
        return f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
    }

    private static JobError error(Job job) {
        return job.tasks().stream().flatMap(t -> t.errors().stream()).reduce((a, b) -> b).orElseThrow();
    }

    /** Points the failed-over VM's failover record at {@code vmId}. */
    private void recordSourceVm(String vmId) {
        Map<String, String> tags = new HashMap<>(f.vms.find(f.demo.sourceVmId()).orElseThrow().tags());
        tags.put(FailoverRecord.TAG_SOURCE_VM, vmId);
        f.vms.replaceTags(f.demo.sourceVmId(), tags);
    }

    @Test
    void theStandInDeletesWithAVmWhatItsDeleteOptionSaysAsAzureDoes() {
        f.vms.deallocate(f.demo.targetVmId());
        f.vms.delete(f.demo.targetVmId());

        assertThat(f.arm.resource(f.demo.targetDiskIds().get(0))).as("OS disk, deleteOption Delete").isNull();
        assertThat(f.arm.resource(f.demo.targetNicId())).as("NIC, deleteOption Delete").isNull();
        assertThat(f.arm.resource(publicIpId())).as("public IP, deleteOption Delete").isNull();
        assertThat(f.arm.resource(f.demo.targetDiskIds().get(1))).as("data disk, deleteOption Detach").isNotNull();
    }

    @Test
    void disksNicAndPublicIpSetToDeleteWithTheVmSurviveReprotect() {
        Job job = run();

        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(f.vms.find(f.demo.targetVmId())).as("the old primary VM is deleted").isEmpty();
        for (String id : List.of(f.demo.targetDiskIds().get(0), f.demo.targetDiskIds().get(1), f.demo.targetNicId(),
                publicIpId())) {
            assertThat(f.arm.resource(id)).as(id + " is kept").isNotNull();
        }
        assertThat(f.arm.resource(f.demo.targetNicId()).at("/properties/ipConfigurations/0/properties/publicIPAddress/id")
                .asText()).as("the NIC keeps its public IP").isEqualToIgnoringCase(publicIpId());
        var shape = job.outputs().get(Outputs.TARGET_VM_SHAPE.name());
        assertThat(shape.at("/osDisk/deleteOption").asText()).as("the captured shape keeps what the VM did")
                .isEqualTo("Delete");
        assertThat(shape.at("/nics/0/deleteOption").asText()).isEqualTo("Delete");
        assertThat(shape.at("/dataDisks/0/deleteOption").asText()).isEqualTo("Detach");
    }

    @Test
    void aVmWhoseResourcesCannotBeSetToBeKeptIsNotDeleted() {
        f.arm.faults().next("PATCH", "/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app01$", 409,
                Map.of(), 10);

        Job job = run();

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("DeleteOptionNotDetached");
        assertThat(f.vms.find(f.demo.targetVmId())).as("the VM is not deleted").isPresent();
        assertThat(f.arm.resource(f.demo.targetDiskIds().get(0))).isNotNull();
        assertThat(f.arm.resource(f.demo.targetNicId())).isNotNull();
    }

    @Test
    void aTargetVmOutsideThePrimaryRegionIsRefusedAndLeftAlone() {
        String disk = f.arm.createDisk(f.demo.secondaryResourceGroup(), "elsewhere-osdisk", f.demo.secondaryRegion(), 1,
                "Premium_LRS");
        String elsewhere = f.arm.createVm(f.demo.secondaryResourceGroup(), "elsewhere", f.demo.secondaryRegion(), disk,
                List.of(), null, Map.of(), "running");
        recordSourceVm(elsewhere);

        Job job = run();

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("TargetVmNotInTargetRegion");
        assertThat(error(job).message()).contains(elsewhere);
        assertThat(f.vms.find(elsewhere).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aRunningTargetVmIsRefusedWithoutTheRequestsConsentAndStoppedWithIt() {
        f.vms.start(f.demo.targetVmId());

        Job refused = run();

        assertThat(refused.state()).isEqualTo(JobState.Failed);
        assertThat(error(refused).code()).isEqualTo("TargetVmRunning");
        assertThat(error(refused).recommendedAction()).contains("allowStopRunningTargetVm");
        assertThat(f.vms.find(f.demo.targetVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);

        Job allowed = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), ", \"allowStopRunningTargetVm\": true")).id());

        assertThat(allowed.state()).as(ReprotectFixture.describe(allowed)).isEqualTo(JobState.Succeeded);
        assertThat(f.vms.find(f.demo.targetVmId())).isEmpty();
    }

    @Test
    void theFailedOverVmItselfIsRefusedAsTarget() {
        recordSourceVm(f.demo.sourceVmId());

        Job job = run();

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("TargetVmIsSourceVm");
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void anotherProtectedItemsVmIsRefusedAsTarget() {
        DemoRegionPair other = DemoSeed.seed(f.arm, f.arm.subscriptionId(), "-2");
        Job protectOther = f.runToEnd(f.submit(f.request(other.sourceVmId(), "")).id());
        assertThat(protectOther.state()).as(ReprotectFixture.describe(protectOther)).isEqualTo(JobState.Succeeded);
        recordSourceVm(other.sourceVmId());

        Job job = run();

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("TargetVmProtectedByAnotherItem");
        assertThat(error(job).message()).contains(ProtectedItemStore.idOf(other.sourceVmId()));
        assertThat(f.vms.find(other.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aVmRebuiltUnderTheTargetsNameAfterPrerequisitesIsNotDeleted() {
        String[] rebuilt = new String[1];
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id(), seen -> {
            if (rebuilt[0] == null && done(seen, CopySeed.NAME)) {
                // someone deletes the VM (keeping its disks and NIC) and builds another under its name
                f.vms.keepResourcesOnDelete(f.demo.targetVmId());
                f.vms.delete(f.demo.targetVmId());
                rebuilt[0] = f.arm.createVm(f.demo.primaryResourceGroup(), "app01", f.demo.primaryRegion(),
                        f.demo.targetDiskIds().get(0), Map.of(0, f.demo.targetDiskIds().get(1)), null,
                        List.of(f.demo.targetNicId()), Map.of("app", "rebuilt"), "deallocated");
            }
        });

        assertThat(rebuilt[0]).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("TargetVmReplaced");
        VmInfo now = f.vms.find(f.demo.targetVmId()).orElseThrow();
        assertThat(now.tags()).containsEntry("app", "rebuilt");
        assertThat(error(job).message()).contains(now.uniqueId());
    }

    private static boolean done(Job job, String stage) {
        return job.tasks().stream().anyMatch(t -> t.name().equals(stage) && t.state() == TaskState.Succeeded);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static Task task(Job job, String name) {
        return job.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}

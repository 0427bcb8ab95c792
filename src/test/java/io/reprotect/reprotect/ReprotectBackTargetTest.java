package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.azure.AzureRegionProbe;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.RequestParser;
import io.reprotect.testkit.ReprotectFixture;
import io.reprotect.whatif.WhatIf;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reprotect back deletes the old secondary VM: only the VM that was protected (not one rebuilt under its
 * name), and after an unplanned failover only once it has said that VM may hold writes never replicated.
 */
class ReprotectBackTargetTest {

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

    private String back(String extra) {
        return "{\"vmId\": \"" + f.demo.targetVmId() + "\", \"failoverDirection\": \"PrimaryToRecovery\", "
                + "\"primaryRegion\": \"" + f.demo.primaryRegion() + "\"" + extra + "}";
    }

    private void failBack(String type) {
        succeeded(f.runToEnd(f.failovers.failover(itemId, type, null, UUID.randomUUID().toString()).id()));
        succeeded(f.runToEnd(f.failovers.commit(itemId, UUID.randomUUID().toString()).id()));
    }

    private static JobError error(Job job) {
        return job.tasks().stream().flatMap(t -> t.errors().stream()).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aSecondaryVmRebuiltUnderTheProtectedVmsNameIsNotDeletedByReprotectBack() {
        failBack("Planned");
        VmInfo old = f.vms.find(f.demo.sourceVmId()).orElseThrow();
        f.vms.delete(old.id()); // its disks and NIC are kept (deleteOption Detach)
        String nic = f.demo.sourceVmId()
                .replace("Microsoft.Compute/virtualMachines/app01", "Microsoft.Network/networkInterfaces/app01-nic-asr");
        String rebuilt = f.arm.createVm(f.demo.secondaryResourceGroup(), "app01", f.demo.secondaryRegion(),
                old.osDiskId(), Map.of(0, old.dataDiskIds().get(0)), null, List.of(nic), Map.of("app", "rebuilt"),
                "deallocated");

        Job job = f.runToEnd(f.submit(back("")).id());

        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(error(job).code()).isEqualTo("TargetVmNotFailedOverVm");
        assertThat(f.vms.find(rebuilt)).as("the rebuilt VM is left alone").isPresent();
        assertThat(f.vms.find(rebuilt).orElseThrow().uniqueId()).isNotEqualTo(old.uniqueId());
    }

    @Test
    void reprotectBackAfterAnUnplannedFailoverWarnsThatTheOldVmMayHoldUnreplicatedWritesAndKeepsItsDisks() {
        failBack("Unplanned");
        VmInfo old = f.vms.find(f.demo.sourceVmId()).orElseThrow();

        WhatIf whatIf = whatIf().evaluate(new RequestParser().parse(back(allowRunning())));
        assertThat(whatIf.changes()).filteredOn(c -> c.resourceId().equalsIgnoreCase(old.id()))
                .singleElement().satisfies(c -> assertThat(c.reason()).contains("Warning").contains("unplanned"));

        Job job = succeeded(f.runToEnd(f.submit(back(allowRunning())).id()));

        assertThat(job.outputs().get(Outputs.WARNINGS.name()).toString()).contains("unplanned").contains(old.id());
        assertThat(f.vms.find(old.id())).as("the old secondary VM is deleted").isEmpty();
        for (String disk : old.allDiskIds()) {
            assertThat(f.arm.resource(disk)).as(disk + " is kept").isNotNull();
        }
    }

    @Test
    void aRunningOldSecondaryVmIsRefusedUnlessTheRequestAllowsStoppingIt() {
        failBack("Unplanned");
        VmInfo old = f.vms.find(f.demo.sourceVmId()).orElseThrow();
        assertThat(old.powerState()).as("an unplanned failover leaves it running").isEqualTo(PowerState.RUNNING);

        Job refused = f.runToEnd(f.submit(back("")).id());

        assertThat(refused.state()).isEqualTo(JobState.Failed);
        assertThat(error(refused).code()).isEqualTo("TargetVmRunning");
        assertThat(f.vms.find(old.id()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void reprotectBackAfterAPlannedFailoverGivesNoSuchWarning() {
        failBack("Planned");

        Job job = succeeded(f.runToEnd(f.submit(back("")).id()));

        assertThat(job.outputs()).doesNotContainKey(Outputs.WARNINGS.name());
    }

    private ReprotectWhatIf whatIf() {
        StageConfig config = new StageConfig() {
            public java.time.Duration pollInterval() {
                return java.time.Duration.ofSeconds(1);
            }

            public java.time.Duration diskAccessDuration() {
                return java.time.Duration.ofMinutes(5);
            }

            public String replicaContainer() {
                return "replicas";
            }
        };
        ValidatePrerequisites prerequisites = new ValidatePrerequisites(f.vms, new PrimaryRegionChecks(f.groups,
                f.accounts, f.availabilitySets), f.served, new AzureRegionProbe(f.managers),
                new CommittedItems(f.items, f.lifecycle, f.store, f.vms));
        return new ReprotectWhatIf(prerequisites, new TargetPlanner(f.accounts, f.availabilitySets), f.groups, f.vms,
                f.disks, f.reprotects, f.jobs, config, f.clock);
    }

    /** Request field that lets reprotect stop a running target VM (the old secondary VM runs on after an unplanned failover). */
    static String allowRunning() {
        return ", \"allowStopRunningTargetVm\": true";
    }
}

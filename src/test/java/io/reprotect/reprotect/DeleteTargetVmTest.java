package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmCreateSpec;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.Outputs;
import io.reprotect.request.RequestParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DeleteTargetVm compares disk ids as ARM does (ignoring case), and deletes no VM whose resources would go with it. */
class DeleteTargetVmTest {

    static final String SUB = "/subscriptions/00000000-0000-0000-0000-0000000a4e00";
    static final String VM = SUB + "/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app01";

    /** A VM whose GET returns its disk ids with the group upper-cased, as Compute does; records deletes. */
    static class UpperCasingVms implements VirtualMachines {
        final List<String> deleted = new ArrayList<>();

        @Override
        public Optional<VmInfo> find(String vmId) {
            String disks = SUB + "/resourceGroups/APP-RG/providers/Microsoft.Compute/disks/";
            return Optional.of(new VmInfo(VM, "app01", "app-rg", "westeurope", PowerState.DEALLOCATED,
                    disks + "app01-osdisk", List.of(disks + "app01-datadisk"), null, Map.of()));
        }

        @Override
        public void deallocate(String vmId) {
        }

        @Override
        public void beginDeallocate(String vmId) {
        }

        @Override
        public void delete(String vmId) {
            deleted.add(vmId);
        }

        @Override
        public void beginDelete(String vmId) {
            deleted.add(vmId);
        }

        @Override
        public List<String> deletedWithVm(String vmId) {
            return List.of();
        }

        @Override
        public void keepResourcesOnDelete(String vmId) {
        }

        @Override
        public VmInfo create(VmCreateSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PendingOperation beginStart(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationCheck check(PendingOperation operation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceTags(String vmId, Map<String, String> tags) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void seedsRecordedUnderTheCreatedCasingCountForDisksReturnedUpperCased() {
        UpperCasingVms vms = new UpperCasingVms();
        Outcome outcome = deleteStage(vms);

        assertThat(outcome).isInstanceOf(Outcome.ContinueLater.class);
        assertThat(vms.deleted).containsExactly(VM);
    }

    @Test
    void aVmWhoseOsDiskStillSaysDeleteAfterTheUpdateIsNotDeleted() {
        // Compute accepted the update, but something (an Azure Policy with a modify effect) set Delete again
        UpperCasingVms vms = new UpperCasingVms() {
            @Override
            public List<String> deletedWithVm(String vmId) {
                return List.of(SUB + "/resourceGroups/APP-RG/providers/Microsoft.Compute/disks/app01-osdisk");
            }
        };

        Outcome outcome = deleteStage(vms);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Fail.class, fail -> {
            assertThat(fail.error().code()).isEqualTo("DeleteOptionNotDetached");
            assertThat(fail.error().message()).contains("app01-osdisk");
        });
        assertThat(vms.deleted).isEmpty();
    }

    private static Outcome deleteStage(VirtualMachines vms) {
        StageConfig config = new StageConfig() {
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            public Duration diskAccessDuration() {
                return Duration.ofMinutes(5);
            }

            public String replicaContainer() {
                return "replicas";
            }
        };
        String disks = SUB + "/resourceGroups/app-rg/providers/Microsoft.Compute/disks/";
        List<Outputs.Replica> replicas = List.of(
                new Outputs.Replica("src-os", disks + "app01-osdisk", "replicas", "os.vhd"),
                new Outputs.Replica("src-data", disks + "APP01-DATADISK", "replicas", "data.vhd"));
        Job job = new Job("job-1", "reprotect", VM, new RequestParser().parse("{\"vmId\":\"" + VM.replace("app-rg", "app-rg-asr")
                + "\",\"failoverDirection\":\"RecoveryToPrimary\",\"primaryRegion\":\"westeurope\"}").toJson(),
                JobState.InProgress, List.of(Task.notStarted("delete-target-vm", "Delete")), false, null, 0,
                Output.map(Outputs.TARGET_VM.of(new Outputs.VmSummary(VM, "app01", "app-rg", "westeurope",
                        "DEALLOCATED", null, List.of(), null, null)), Outputs.REPLICAS.of(replicas),
                        new Output(Outputs.TARGET_VM_SHAPE.name(), StageContext.json(Map.of("vmSize", "Standard_D2s_v3")))),
                Instant.now(), Instant.now());

        return new DeleteTargetVm(vms, config).execute(new StageContext(job, job.tasks().get(0), Instant.now()));
    }
}

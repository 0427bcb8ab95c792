package io.reprotect.stage;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes the old primary VM once every one of its disks has a seed and its shape was captured. Its managed disks are kept
 * (ARM does not delete them with the VM); their data now also lives in the seeds.
 *
 * <p>Idempotency: deleting a VM that is gone counts as done; a second run finds it gone or going.
 */
@ApplicationScoped
public class DeleteTargetVm implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "delete-target-vm";

    private final VirtualMachines vms;
    private final StageConfig config;

    public DeleteTargetVm(VirtualMachines vms, StageConfig config) {
        this.vms = vms;
        this.config = config;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Optional<VmInfo> vm = context.output(Outputs.TARGET_VM, Outputs.VmSummary.class).flatMap(t -> vms.find(t.id()));
        if (vm.isEmpty()) {
            return context.task().attempts() > 1 ? Outcome.next() : Outcome.skipped(Map.of());
        }
        List<String> seeded = Arrays.stream(context.output(Outputs.REPLICAS, Outputs.Replica[].class)
                .orElse(new Outputs.Replica[0])).map(Outputs.Replica::seedDiskId).toList();
        List<String> unseeded = vm.get().allDiskIds().stream().filter(d -> !seeded.contains(d)).toList();
        if (!unseeded.isEmpty()) {
            return Outcome.fail(JobError.of("SeedMissing",
                    "Refusing to delete VM " + vm.get().id() + ": disks without a seed: " + unseeded,
                    "A disk was attached to the VM after its seeds were copied.",
                    "Resume the job from the copy-seed stage, or detach the disk."));
        }
        if (!context.job().outputs().containsKey(Outputs.TARGET_VM_SHAPE)) {
            return Outcome.fail(JobError.of("ShapeNotCaptured",
                    "Refusing to delete VM " + vm.get().id() + ": its shape (size, network, disks) was not captured,"
                            + " so a failover could not rebuild it.",
                    "The job was started by a version that did not capture VM shapes, or the capture failed.",
                    "Resume the job from the stop-target-vm stage."));
        }
        vms.beginDelete(vm.get().id());
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 50, null, "Deleting " + vm.get().name()));
    }
}

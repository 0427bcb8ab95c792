package io.reprotect.reprotect;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes the old primary VM once every one of its disks has a seed and its shape was captured. Its managed
 * disks, NICs and public IPs are kept: Compute deletes with a VM each one whose {@code deleteOption} is
 * {@code Delete} (the portal's default for OS disks and NICs), so the stage first sets them all to
 * {@code Detach} and reads that back, refusing the delete otherwise. It refuses, too, a VM of that name that
 * is not the one validate-prerequisites recorded (another {@code properties.vmId}; {@link TargetVmChecks}).
 *
 * <p>Idempotency: deleting a VM that is gone counts as done; a second run finds it gone or going.
 * The checkpoint records that this job asked for the deletion, so that finding the VM gone later
 * means done (Succeeded), not "nothing to do" (Skipped).
 */
@ApplicationScoped
public class DeleteTargetVm extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "delete-target-vm";

    private final VirtualMachines vms;
    private final StageConfig config;

    public DeleteTargetVm(VirtualMachines vms, StageConfig config) {
        super(NAME);
        this.vms = vms;
        this.config = config;
    }

    /** What the checkpoint holds once the deletion was asked for. */
    record Deleting(String vmId) {
    }

    /**
     * Sets every disk, NIC and public IP of the VM to be kept when the VM is deleted ({@code deleteOption}
     * Detach), then reads the options back: anything that would still go with the VM is a refusal.
     */
    private Optional<JobError> keepItsResources(VmInfo vm) {
        try {
            vms.keepResourcesOnDelete(vm.id());
        } catch (CloudException e) {
            if (e.retryable()) {
                throw e;
            }
            return Optional.of(JobError.of("DeleteOptionNotDetached", "Refusing to delete VM " + vm.id()
                    + ": its disks, NICs and public IPs could not be set to be kept when it is deleted (deleteOption "
                    + "Detach): " + e.getMessage(), "Azure refused the update of the VM or of a public IP (a lock, "
                    + "a policy, missing permissions).", "Set deleteOption to Detach on the VM's disks and NICs and "
                    + "on their public IPs (or remove what blocks the update), then resume the job from this stage."));
        }
        List<String> still = vms.deletedWithVm(vm.id());
        if (still.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JobError.of("DeleteOptionNotDetached", "Refusing to delete VM " + vm.id()
                + ": deleting it would also delete " + still + " (deleteOption Delete), although the job set them to "
                + "Detach.", "Something sets deleteOption back to Delete (an Azure Policy with a modify effect, "
                + "another automation).", "Set deleteOption to Detach on those resources and stop what resets it, "
                + "then resume the job from this stage."));
    }

    @Override
    public Outcome execute(StageContext context) {
        Optional<Outputs.VmSummary> target = context.get(Outputs.TARGET_VM);
        Optional<VmInfo> vm = target.flatMap(t -> vms.find(t.id()));
        if (vm.isEmpty()) {
            if (target.isEmpty()) {
                return Outcome.skipped(Map.of());
            }
            Output gone = Outputs.TARGET_VM.of(target.get().withPowerState(Outputs.VmSummary.DELETED));
            return context.checkpoint(Deleting.class).isPresent() ? Outcome.next(gone) : Outcome.skipped(gone);
        }
        List<String> seeded = context.get(Outputs.REPLICAS).orElse(List.of()).stream()
                .map(Outputs.Replica::seedDiskId).toList();
        List<String> unseeded = vm.get().allDiskIds().stream()
                .filter(d -> seeded.stream().noneMatch(s -> ResourceId.same(s, d))).toList();
        if (!unseeded.isEmpty()) {
            return Outcome.fail(JobError.of("SeedMissing",
                    "Refusing to delete VM " + vm.get().id() + ": disks without a seed: " + unseeded,
                    "A disk was attached to the VM after its seeds were copied.",
                    "Resume the job from the copy-seed stage, or detach the disk."));
        }
        if (!Outputs.TARGET_VM_SHAPE.isIn(context.job())) {
            return Outcome.fail(JobError.of("ShapeNotCaptured",
                    "Refusing to delete VM " + vm.get().id() + ": its shape (size, network, disks) was not captured,"
                            + " so a failover could not rebuild it.",
                    "The job was started by a version that did not capture VM shapes, or the capture failed.",
                    "Resume the job from the stop-target-vm stage."));
        }
        Optional<JobError> replaced = TargetVmChecks.replaced(target.get(), vm.get(), "delete");
        if (replaced.isPresent()) {
            return Outcome.fail(replaced.get());
        }
        Optional<JobError> wouldDelete = keepItsResources(vm.get());
        if (wouldDelete.isPresent()) {
            return Outcome.fail(wouldDelete.get());
        }
        vms.beginDelete(vm.get().id());
        return Outcome.continueLater(StageContext.json(new Deleting(vm.get().id())), config.pollInterval(),
                new TaskProgress(0, 1, "vm", 0, null, "Deleting " + vm.get().name()));
    }
}

package io.reprotect.reprotect;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmCapture;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures the old primary VM's shape ({@link VmShape}: size, placement, security, disks by LUN,
 * NICs, extensions) into the job's outputs, then stops (deallocates) it so that its disks can be
 * read consistently and copied. Skipped when that VM no longer exists; done when it is deallocated. A VM
 * of that name that is not the one validate-prerequisites recorded (another {@code properties.vmId}) is
 * refused ({@link TargetVmChecks#replaced}), untouched.
 *
 * <p>Idempotency: the shape is captured once (a rerun finds it in the outputs); it asks ARM to deallocate only while the VM holds compute, then polls its power
 * state through the pipeline (never by sleeping); a second run finds it deallocating or deallocated.
 */
@ApplicationScoped
public class StopTargetVm extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "stop-target-vm";

    private final VirtualMachines vms;
    private final VmCapture capture;
    private final StageConfig config;

    public StopTargetVm(VirtualMachines vms, VmCapture capture, StageConfig config) {
        super(NAME);
        this.vms = vms;
        this.capture = capture;
        this.config = config;
    }

    @Override
    public Outcome execute(StageContext context) {
        Optional<Outputs.VmSummary> target = context.get(Outputs.TARGET_VM);
        Optional<VmInfo> vm = target.flatMap(t -> vms.find(t.id()));
        if (vm.isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        Optional<JobError> replaced = TargetVmChecks.replaced(target.get(), vm.get(), "deallocate");
        if (replaced.isPresent()) {
            return Outcome.fail(replaced.get());
        }
        // Capture first: once reprotect deletes the VM, its shape is what failover rebuilds it from.
        List<Output> outputs = context.get(Outputs.TARGET_VM_SHAPE).isPresent() ? List.of()
                : capture.capture(vm.get().id()).map(shape -> List.of(Outputs.TARGET_VM_SHAPE.of(shape)))
                        .orElse(List.of());
        PowerState state = vm.get().powerState();
        if (state == PowerState.DEALLOCATED) {
            List<Output> done = new ArrayList<>(outputs);
            done.add(Outputs.TARGET_VM.of(target.get().withPowerState(PowerState.DEALLOCATED.name())));
            return Outcome.next(done);
        }
        if (state != PowerState.DEALLOCATING) {
            vms.beginDeallocate(vm.get().id());
        }
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 0, null, "Deallocating " + vm.get().name() + " (was " + state + ")"),
                outputs.toArray(Output[]::new));
    }
}

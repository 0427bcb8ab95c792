package io.reprotect.stage;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Stops (deallocates) the old primary VM so that its disks can be read consistently and copied.
 * Skipped when that VM no longer exists; done when it is already deallocated.
 *
 * <p>Idempotency: it asks ARM to deallocate only while the VM holds compute, then polls its power
 * state through the pipeline (never by sleeping); a second run finds it deallocating or deallocated.
 */
@ApplicationScoped
public class StopTargetVm implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "stop-target-vm";

    private final VirtualMachines vms;
    private final StageConfig config;

    public StopTargetVm(VirtualMachines vms, StageConfig config) {
        this.vms = vms;
        this.config = config;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Optional<Outputs.VmSummary> target = context.output(Outputs.TARGET_VM, Outputs.VmSummary.class);
        Optional<VmInfo> vm = target.flatMap(t -> vms.find(t.id()));
        if (vm.isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        PowerState state = vm.get().powerState();
        if (state == PowerState.DEALLOCATED) {
            return Outcome.next(Map.of(Outputs.TARGET_VM,
                    StageContext.json(target.get().withPowerState(PowerState.DEALLOCATED.name()))));
        }
        if (state != PowerState.DEALLOCATING) {
            vms.beginDeallocate(vm.get().id());
        }
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 0, null, "Deallocating " + vm.get().name() + " (was " + state + ")"));
    }
}

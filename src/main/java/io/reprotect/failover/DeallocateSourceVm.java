package io.reprotect.failover;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Planned failover: shuts the VM down in the secondary region (deallocate) so that nothing is written
 * after the final sync that follows. Fails when the VM is gone: a planned failover needs it; an
 * unplanned one is the way when the secondary region or VM is lost.
 *
 * <p>Idempotency: asks ARM only while the VM holds compute, then polls its power state.
 */
@ApplicationScoped
public class DeallocateSourceVm extends PlannedStage {

    public static final String NAME = "deallocate-source-vm";
    private final VirtualMachines vms;
    private final StageConfig config;
    private final ItemLifecycle lifecycle;

    public DeallocateSourceVm(VirtualMachines vms, StageConfig config, ItemLifecycle lifecycle) {
        super(NAME);
        this.vms = vms;
        this.config = config;
        this.lifecycle = lifecycle;
    }

    static JobError sourceVmNotFound(String vmId) {
        return JobError.of("SourceVmNotFound", "The VM " + vmId
                + " in the secondary region was not found, so a planned failover cannot shut it down.",
                "The VM was deleted or moved, or the secondary region is unavailable.",
                "Run an unplanned failover from a recovery point instead.");
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        FailoverStage.requireRunning(lifecycle, context);
        Optional<VmInfo> vm = vms.find(plan.sourceVmId());
        if (vm.isEmpty()) {
            return Outcome.fail(sourceVmNotFound(plan.sourceVmId()));
        }
        PowerState state = vm.get().powerState();
        if (state == PowerState.DEALLOCATED) {
            return Outcome.next();
        }
        if (state != PowerState.DEALLOCATING) {
            vms.beginDeallocate(vm.get().id());
        }
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 50, null, "Shutting down " + vm.get().name() + " (was " + state + ")"));
    }
}

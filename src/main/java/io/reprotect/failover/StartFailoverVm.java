package io.reprotect.failover;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Starts the created VM and checks that it runs; polls through the pipeline while it is starting.
 *
 * <p>Idempotency: starts it only when it is stopped or deallocated; a running VM is done.
 */
@ApplicationScoped
public class StartFailoverVm implements StageHandler {

    public static final String NAME = "start-failover-vm";
    private final VirtualMachines vms;
    private final StageConfig config;

    public StartFailoverVm(VirtualMachines vms, StageConfig config) {
        this.vms = vms;
        this.config = config;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        String vmId = context.output(FailoverOutputs.VM, String.class).orElseThrow();
        Optional<VmInfo> vm = vms.find(vmId);
        if (vm.isEmpty()) {
            return Outcome.fail(JobError.of("FailoverVmNotFound", "The VM " + vmId + " created by this job is gone.",
                    "Someone deleted it while the job ran.", "Resume the job from the create-failover-vm stage."));
        }
        PowerState state = vm.get().powerState();
        if (state == PowerState.RUNNING) {
            return Outcome.next();
        }
        FailoverPlan plan = FailoverStage.plan(context);
        if (plan.planned()) { // a resumed planned failover: the source must still be shut down, or two VMs run
            Optional<PowerState> source = vms.find(plan.sourceVmId()).map(VmInfo::powerState);
            if (source.isPresent() && source.get() != PowerState.DEALLOCATED && source.get() != PowerState.STOPPED) {
                return Outcome.fail(JobError.of("SourceVmRunning", "The VM " + plan.sourceVmId() + " that this planned "
                        + "failover shut down is " + source.get() + " again, so " + vm.get().name() + " was not started "
                        + "(two copies would run and the source may hold writes the final sync did not copy).",
                        "Someone started the source VM after the final sync.",
                        "Cancel the failover (the source keeps running), or shut the source down and resume this job."));
            }
        }
        if (state == PowerState.STOPPED || state == PowerState.DEALLOCATED) {
            vms.start(vmId);
        }
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 50, null, "Starting " + vm.get().name() + " (was " + state + ")"));
    }
}

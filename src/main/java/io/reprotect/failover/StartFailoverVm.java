package io.reprotect.failover;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Starts the created VM and checks that it runs; polls through the pipeline while it is starting.
 *
 * <p>Idempotency: starts it only when it is stopped or deallocated; a running VM is done.
 */
@ApplicationScoped
public class StartFailoverVm extends NamedStage {

    public static final String NAME = "start-failover-vm";
    private final VirtualMachines vms;
    private final StageConfig config;

    public StartFailoverVm(VirtualMachines vms, StageConfig config) {
        super(NAME);
        this.vms = vms;
        this.config = config;
    }

    @Override
    public Outcome execute(StageContext context) {
        String vmId = context.require(FailoverOutputs.VM);
        Optional<VmInfo> vm = vms.find(vmId);
        if (vm.isEmpty()) {
            return Outcome.fail(JobError.of("FailoverVmNotFound", "The VM " + vmId + " created by this job is gone.",
                    "Someone deleted it while the job ran.", "Resume the job from the create-failover-vm stage."));
        }
        Optional<JobError> sourceRuns = CreateFailoverVm.sourceRunsAgain(vms, FailoverStage.plan(context));
        if (sourceRuns.isPresent()) {
            return Outcome.fail(sourceRuns.get());
        }
        PowerState state = vm.get().powerState();
        if (state == PowerState.RUNNING) {
            return Outcome.next();
        }

        if (state == PowerState.STOPPED || state == PowerState.DEALLOCATED) {
            vms.start(vmId);
        }
        return Outcome.continueLater(null, config.pollInterval(),
                new TaskProgress(0, 1, "vm", 50, null, "Starting " + vm.get().name() + " (was " + state + ")"));
    }
}

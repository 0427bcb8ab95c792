package io.reprotect.failover;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
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
 * Starts the created VM and checks that it runs; never waits on Azure: it sends the start, keeps the operation
 * in its checkpoint and checks it once per run through the pipeline's continue-later, at the delay Azure asks
 * (Compute sends none: the SDK's 30 s). A start that ends Failed is the stage's error with Azure's code (e.g.
 * {@code AllocationFailed}); one that failed with a retry-later code is sent again.
 *
 * <p>Idempotency: starts it only when it is stopped or deallocated; a running VM is done; a run with the
 * operation in its checkpoint checks it and does not send the start again while it runs.
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
        Optional<PendingOperation> starting = context.checkpoint(PendingOperation.class);
        if (starting.isPresent() && !starting.get().finished()) {
            OperationCheck check = vms.check(starting.get());
            if (check.state() == OperationCheck.State.InProgress) {
                return Outcome.continueLater(StageContext.json(starting.get()), check.checkAfter(),
                        new TaskProgress(0, 1, "vm", 50, null, "Azure is starting " + vmId));
            }
            if (check.state() == OperationCheck.State.Failed) {
                CloudException failure = check.failure("Starting VM " + vmId);
                if (!failure.retryable()) {
                    throw failure; // e.g. AllocationFailed: the job fails with Azure's code, as a waiting start did
                }
            }
        }
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
        TaskProgress progress = new TaskProgress(0, 1, "vm", 50, null, "Starting " + vm.get().name() + " (was "
                + state + ")");
        if (state == PowerState.STOPPED || state == PowerState.DEALLOCATED) {
            // sent, not waited for: the next run checks the operation once
            PendingOperation start = vms.beginStart(vmId);
            return Outcome.continueLater(StageContext.json(start), start.checkAfter(), progress);
        }
        return Outcome.continueLater(null, config.pollInterval(), progress);
    }
}

package io.reprotect.failover;

import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Cancel, before anything the failover created is removed: makes sure the VM in the secondary region runs
 * again (a planned failover shut it down; an unplanned one may have found it stopped). If it is gone or cannot
 * start, the cancel fails here and removes nothing: the failed-over VM may be the only VM that runs.
 *
 * <p>It never waits on Azure: the start is sent, kept in the checkpoint and checked once per run (continue later at
 * the delay Azure asks; Compute sends none, so the SDK's 30 s); a start that ends Failed is the stage's error with
 * Azure's code, and one that failed with a retry-later code is sent again.
 *
 * <p>Idempotency: starting a running VM succeeds; a run with the start in its checkpoint checks it and does not
 * send it again.
 */
@ApplicationScoped
public class RestartSourceVm extends PlannedStage {

    public static final String NAME = "restart-source-vm";
    private static final TaskProgress STARTING = new TaskProgress(0, 1, "vm", 50, null,
            "Azure is starting the source VM");
    private final VirtualMachines vms;
    private final ItemLifecycle lifecycle;

    public RestartSourceVm(VirtualMachines vms, ItemLifecycle lifecycle) {
        super(NAME);
        this.vms = vms;
        this.lifecycle = lifecycle;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        FailoverStage.requireRunning(lifecycle, context);
        Optional<VmInfo> source = vms.find(plan.sourceVmId());
        if (source.isEmpty()) {
            return Outcome.fail(JobError.of("SourceVmNotFound", "The VM " + plan.sourceVmId() + " that the failover "
                    + "was made from was not found, so cancelling would leave no VM running; nothing was removed.",
                    "The VM was deleted or moved, or its region is unavailable.",
                    "Commit the failover (the failed-over VM runs), or change its recovery point; or bring the VM "
                            + "back and cancel again."));
        }
        if (source.get().powerState() == PowerState.RUNNING) {
            return Outcome.next(Map.of());
        }
        Optional<PendingOperation> starting = context.checkpoint(PendingOperation.class);
        if (starting.isPresent() && !starting.get().finished()) {
            OperationCheck check = vms.check(starting.get());
            if (check.state() == OperationCheck.State.InProgress) {
                return Outcome.continueLater(StageContext.json(starting.get()), check.checkAfter(), STARTING);
            }
            if (check.state() == OperationCheck.State.Failed && !check.failure("Starting VM").retryable()) {
                throw check.failure("Starting VM " + plan.sourceVmId());
            }
            if (check.state() == OperationCheck.State.Succeeded) {
                return Outcome.next(); // Compute ran the start: the VM runs
            }
        }
        // sent, not waited for: the next run checks the operation once
        PendingOperation start = vms.beginStart(plan.sourceVmId());
        return Outcome.continueLater(StageContext.json(start), start.checkAfter(), STARTING);
    }
}

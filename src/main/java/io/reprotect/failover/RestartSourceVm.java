package io.reprotect.failover;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
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
 * <p>Idempotency: starting a running VM succeeds.
 */
@ApplicationScoped
public class RestartSourceVm extends PlannedStage {

    public static final String NAME = "restart-source-vm";
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
        vms.start(plan.sourceVmId());
        return Outcome.next();
    }
}

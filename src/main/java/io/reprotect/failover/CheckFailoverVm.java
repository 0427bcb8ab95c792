package io.reprotect.failover;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Commit, before any recovery point is deleted: the failed-over VM that the commit keeps exists and still
 * carries the ownership tag of the job that created it. Without it a commit would delete every recovery point
 * and leave no VM; the commit fails here and deletes nothing.
 *
 * <p>Idempotency: reads only.
 */
@ApplicationScoped
public class CheckFailoverVm implements StageHandler {

    public static final String NAME = "check-failover-vm";
    private final VirtualMachines vms;
    private final ItemLifecycle lifecycle;

    public CheckFailoverVm(VirtualMachines vms, ItemLifecycle lifecycle) {
        this.vms = vms;
        this.lifecycle = lifecycle;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverStage.requireRunning(lifecycle, context);
        List<CreatedResources> kept = RemoveFailoverResources.createdResources(context);
        for (CreatedResources created : kept) {
            boolean present = created.vmId() != null && vms.find(created.vmId())
                    .filter(vm -> created.jobId().equals(vm.tags().get(FailoverOutputs.TAG_JOB))).isPresent();
            if (!present) {
                return Outcome.fail(JobError.of("FailoverVmMissing", "The failed-over VM " + created.vmId()
                        + " that the commit would keep was not found (or is no longer tagged " + FailoverOutputs.TAG_JOB
                        + "=" + created.jobId() + "); nothing was deleted: the recovery points are kept.",
                        "The VM was deleted, moved or replaced after the failover.",
                        "Change the recovery point (creates the VM again) or cancel the failover."));
            }
        }
        return Outcome.next(Map.of());
    }
}

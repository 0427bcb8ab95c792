package io.reprotect.failover;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commit, before its recovery points become a deleted item: the failed-over VM that the commit keeps exists and
 * still carries the ownership tag of the job that created it. Without it a commit would take every recovery point
 * out of use (to be purged after the soft-delete period) and leave no VM; the commit fails here and changes nothing. Then the VM's ownership tag is replaced by
 * {@link FailoverOutputs#TAG_COMMITTED} naming the commit, so nothing that removes the failover job's resources
 * can match the committed VM again.
 *
 * <p>Idempotency: a rerun finds the VM tagged committed by this job and changes nothing.
 */
@ApplicationScoped
public class CheckFailoverVm extends NamedStage {

    public static final String NAME = "check-failover-vm";
    private final VirtualMachines vms;
    private final ItemLifecycle lifecycle;

    public CheckFailoverVm(VirtualMachines vms, ItemLifecycle lifecycle) {
        super(NAME);
        this.vms = vms;
        this.lifecycle = lifecycle;
    }

    @Override
    public Outcome execute(StageContext context) {
        var item = lifecycle.requireRunning(FailoverStage.plan(context).itemId(), context.job());
        List<CreatedResources> kept = RemoveFailoverResources.createdResources(context);
        String commitJob = context.job().id();
        // a commit retried after a failed one finds the VM tagged by that one (the item's last job)
        java.util.Set<String> commits = new java.util.HashSet<>(java.util.Arrays.asList(commitJob,
                item.lifecycle().lastJobId()));
        for (CreatedResources created : kept) {
            Optional<VmInfo> vm = created.vmId() == null ? Optional.empty() : vms.find(created.vmId())
                    .filter(v -> created.jobId().equals(v.tags().get(FailoverOutputs.TAG_JOB))
                            || commits.contains(v.tags().get(FailoverOutputs.TAG_COMMITTED)));
            if (vm.isEmpty()) {
                return Outcome.fail(JobError.of("FailoverVmMissing", "The failed-over VM " + created.vmId()
                        + " that the commit would keep was not found (or is no longer tagged " + FailoverOutputs.TAG_JOB
                        + "=" + created.jobId() + "); nothing was deleted: the recovery points are kept.",
                        "The VM was deleted, moved or replaced after the failover.",
                        "Change the recovery point (creates the VM again) or cancel the failover."));
            }
            // the VM is no longer the failover job's: a stale cancel or cleanup of that job cannot match it
            Map<String, String> tags = new HashMap<>(vm.get().tags());
            if (tags.remove(FailoverOutputs.TAG_JOB) != null || !commitJob.equals(tags.get(FailoverOutputs.TAG_COMMITTED))) {
                tags.put(FailoverOutputs.TAG_COMMITTED, commitJob);
                vms.replaceTags(vm.get().id(), tags);
            }
        }
        return Outcome.next(Map.of());
    }
}

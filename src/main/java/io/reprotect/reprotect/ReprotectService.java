package io.reprotect.reprotect;

import io.reprotect.job.Job;
import io.reprotect.job.JobIdReusedException;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.Operation;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.request.ReprotectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts reprotect jobs (HTTP and intake). Admission decides whether the VM may start one, from the VM's
 * protected item: none (a first reprotect, RecoveryToPrimary only), or one whose failover was committed
 * (reprotect reverses it, in the direction opposite to the item's). The prerequisites stage checks
 * the same again when the job runs.
 */
@ApplicationScoped
public class ReprotectService {

    private final ProtectedItemStore items;
    private final ItemLifecycle lifecycle;
    private final JobService jobs;

    public ReprotectService(ProtectedItemStore items, ItemLifecycle lifecycle, JobService jobs) {
        this.items = items;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
    }

    /**
     * Creates a reprotect job and queues its first stage. A repeat of a submission returns its job (the same id
     * with another request is refused); a new one must pass {@link #admit}.
     *
     * @throws AlreadyProtectedException the VM is protected
     * @throws OperationNotAllowedException the item's state does not allow reprotect
     * @throws InvalidRequestException failoverDirection does not fit the VM
     * @throws VmBusyException the VM has another job that has not ended
     * @throws JobIdReusedException a job with this id exists for a different request
     */
    public Job submit(String jobId, ReprotectRequest request) {
        String vmId = jobs.find(jobId).isPresent() ? request.vmId().id() : admit(request);
        return jobs.submit(new JobSpec(jobId, Workflows.REPROTECT, vmId, request.toJson(), Map.of(), null));
    }

    /**
     * @return the VM the job holds while it runs: the request's VM, or the item's VM when the job reverses
     *         an item (so it excludes the item's other jobs, which hold that VM)
     * @throws AlreadyProtectedException RecoveryToPrimary for a VM protected and not failed over
     * @throws OperationNotAllowedException the item's state does not allow reprotect (409 naming it)
     * @throws InvalidRequestException failoverDirection does not fit the VM (400 naming the field)
     */
    public String admit(ReprotectRequest request) {
        String vmId = request.vmId().id();
        Optional<ProtectedItem> found = items.findByVm(vmId);
        if (found.isEmpty()) {
            if (request.primaryToRecovery()) {
                throw invalid("is PrimaryToRecovery, which reprotects a VM this engine failed back to its primary "
                        + "region; no protected item names VM " + vmId + ". Name the VM the failback created, or use "
                        + "RecoveryToPrimary for a VM failed over to its secondary region");
            }
            return vmId;
        }
        ProtectedItem item = lifecycle.settled(found.get());
        Lifecycle status = item.lifecycle();
        if (!LifecycleTable.allowed(status).contains(Operation.REPROTECT)) {
            if (!request.primaryToRecovery() && "None".equals(status.status().failoverState())
                    && status.status() != ItemStatus.FAILOVER_COMMITTED) {
                throw new AlreadyProtectedException(item.vmId(), item.id());
            }
            throw new OperationNotAllowedException(Operation.REPROTECT.wireName(), status.describe() + " (replicating "
                    + item.placement().direction() + ")", LifecycleTable.allowedNames(status), item.id(), status.runningJobId());
        }
        String expected = ReprotectRequest.reverse(item.placement().direction());
        if (!expected.equals(request.failoverDirection())) {
            throw invalid("must be " + expected + ": protected item " + item.id() + " replicated " + item.placement().direction()
                    + " and its failover was committed, so reprotect replicates it back the other way");
        }
        return item.vmId();
    }

    private static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(List.of(new FieldError("failoverDirection", reason)));
    }
}

package io.reprotect.failover;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmCreateSpec;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the VM in the captured shape over the disks and NICs the earlier stages recorded, data disks
 * at their original LUNs. A failover keeps the availability set, proximity placement group and zone;
 * a drill VM keeps out of them (it must not join production placement).
 *
 * <p>Idempotency: VMs are created by name; a VM of that name on the same OS disk is this job's own.
 */
@ApplicationScoped
public class CreateFailoverVm extends PlannedStage {

    public static final String NAME = "create-failover-vm";
    private final VirtualMachines vms;

    public CreateFailoverVm(VirtualMachines vms) {
        super(NAME);
        this.vms = vms;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        Optional<JobError> sourceRuns = sourceRunsAgain(vms, plan);
        if (sourceRuns.isPresent()) {
            return Outcome.fail(sourceRuns.get());
        }
        List<String> disks = context.get(FailoverOutputs.DISKS).orElse(List.of());
        Map<Integer, String> data = new HashMap<>();
        for (int i = 1; i < disks.size(); i++) {
            data.put(plan.disks().get(i).lun(), disks.get(i));
        }
        Map<String, String> tags = new HashMap<>(plan.shape().tags());
        tags.putAll(plan.tags());
        tags.put(FailoverOutputs.TAG_JOB, context.job().id());
        if (!plan.drill()) {
            sourceUniqueId(plan).ifPresent(id -> tags.put(FailoverRecord.TAG_SOURCE_VM_ID, id));
        }
        List<String> nics = context.get(FailoverOutputs.NICS).orElse(List.of());
        VmInfo vm = vms.create(new VmCreateSpec(plan.resourceGroup(), plan.vmName(), plan.region(),
                deleteOnlyCreatedNics(plan.shape(), nics, context.get(FailoverOutputs.CREATED_NICS).orElse(List.of())),
                disks.get(0), data, nics, tags, !plan.drill()));
        return Outcome.next(FailoverOutputs.VM.of(vm.id()));
    }

    /**
     * The shape whose NICs keep their captured delete option only where this job created the NIC: an original
     * NIC the failover reuses must not go with the VM when a cancel deletes it.
     */
    static VmShape deleteOnlyCreatedNics(VmShape shape, List<String> nics,
            List<String> created) {
        if (shape.nics().size() != nics.size()) {
            return shape;
        }
        List<VmShape.Nic> kept = new java.util.ArrayList<>();
        for (int i = 0; i < nics.size(); i++) {
            String id = nics.get(i);
            boolean own = created.stream().anyMatch(c -> c.equalsIgnoreCase(id));
            kept.add(own ? shape.nics().get(i) : shape.nics().get(i).withDeleteOption(null));
        }
        return shape.withNics(kept);
    }

    /**
     * The {@code properties.vmId} of the VM failed over from, for a later reprotect to tell it from a VM rebuilt
     * under its name; empty when it cannot be read (an unplanned failover from a region that is down).
     */
    private Optional<String> sourceUniqueId(FailoverPlan plan) {
        try {
            return vms.find(plan.sourceVmId()).map(VmInfo::uniqueId);
        } catch (CloudException e) {
            return Optional.empty();
        }
    }

    /**
     * For a planned failover (also one resumed later): the source it shut down must still be shut down, or two
     * VMs would run and the source may hold writes the final sync did not copy.
     */
    static Optional<JobError> sourceRunsAgain(VirtualMachines vms, FailoverPlan plan) {
        if (!plan.planned()) {
            return Optional.empty();
        }
        Optional<PowerState> source = vms.find(plan.sourceVmId()).map(VmInfo::powerState);
        if (source.isEmpty() || source.get() == PowerState.DEALLOCATED || source.get() == PowerState.STOPPED) {
            return Optional.empty();
        }
        return Optional.of(JobError.of("SourceVmRunning", "The VM " + plan.sourceVmId() + " that this planned failover "
                + "shut down is " + source.get() + " again, so the failed-over VM is not created or started.",
                "Someone started the source VM after the final sync; it may hold writes the final sync did not copy.",
                "Cancel the failover (the source keeps running), or shut the source down and resume this job."));
    }
}

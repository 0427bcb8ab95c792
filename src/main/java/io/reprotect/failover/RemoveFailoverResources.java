package io.reprotect.failover;

import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes exactly what a failover or drill job created, by the ids it recorded (copied into this job's
 * inputs): its VM (only when the VM's tag names that job), then the NICs it created (never an original
 * NIC it reused), then its disks. Used by test-failover cleanup, cancel and change of recovery point.
 *
 * <p>Idempotency: every delete treats "already gone" as done, so a rerun or a second cleanup changes nothing.
 */
@ApplicationScoped
public class RemoveFailoverResources implements StageHandler {

    public static final String NAME = "remove-failover-resources";
    /** Job input: id of the job whose resources are removed. */
    public static final String CREATED_BY = "createdByJob";
    private final VirtualMachines vms;
    private final Networks networks;
    private final ManagedDisks disks;

    public RemoveFailoverResources(VirtualMachines vms, Networks networks, ManagedDisks disks) {
        this.vms = vms;
        this.networks = networks;
        this.disks = disks;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        String owner = context.output(CREATED_BY, String.class).orElseThrow();
        Optional<String> vmId = context.output(FailoverOutputs.VM, String.class);
        if (vmId.isPresent()) {
            Optional<VmInfo> vm = vms.find(vmId.get());
            if (vm.isPresent() && !owner.equals(vm.get().tags().get(FailoverOutputs.TAG_JOB))) {
                return Outcome.fail(notCreatedBy(vmId.get(), owner));
            }
            vms.delete(vmId.get());
        }
        FailoverStage.ids(context, FailoverOutputs.CREATED_NICS).forEach(networks::deleteNic);
        FailoverStage.ids(context, FailoverOutputs.DISKS).forEach(disks::delete);
        return Outcome.next(Map.of());
    }

    static JobError notCreatedBy(String vmId, String owner) {
        return JobError.of("NotCreatedByFailover", "VM " + vmId + " is not tagged " + FailoverOutputs.TAG_JOB + "="
                + owner + "; it is left alone.", "The VM was replaced by another one of the same name.",
                "Delete it yourself if it must go.");
    }
}

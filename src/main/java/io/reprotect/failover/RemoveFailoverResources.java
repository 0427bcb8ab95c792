package io.reprotect.failover;

import com.fasterxml.jackson.core.type.TypeReference;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes exactly what earlier failover or drill jobs created, by the ids they recorded
 * ({@link CreatedResources}, copied into this job's inputs): each VM (only when its tag names the job that
 * created it), then the NICs it created (never an original NIC it reused), then its disks. Used by test-failover
 * cleanup, cancel and change of recovery point; first checks that the item's lifecycle still runs this job.
 *
 * <p>Idempotency: every delete treats "already gone" as done, so a rerun or a second cleanup changes nothing.
 */
@ApplicationScoped
public class RemoveFailoverResources implements StageHandler {

    public static final String NAME = "remove-failover-resources";
    private final VirtualMachines vms;
    private final Networks networks;
    private final ManagedDisks disks;
    private final ItemLifecycle lifecycle;

    public RemoveFailoverResources(VirtualMachines vms, Networks networks, ManagedDisks disks, ItemLifecycle lifecycle) {
        this.vms = vms;
        this.networks = networks;
        this.disks = disks;
        this.lifecycle = lifecycle;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverStage.requireRunning(lifecycle, context);
        List<CreatedResources> all = createdResources(context);
        for (CreatedResources created : all) {
            if (created.vmId() != null) {
                Optional<VmInfo> vm = vms.find(created.vmId());
                if (vm.isPresent() && !created.jobId().equals(vm.get().tags().get(FailoverOutputs.TAG_JOB))) {
                    return Outcome.fail(notCreatedBy(created.vmId(), created.jobId()));
                }
            }
        }
        for (CreatedResources created : all) {
            if (created.vmId() != null) {
                vms.delete(created.vmId());
            }
            created.nics().forEach(networks::deleteNic);
            created.disks().forEach(disks::delete);
        }
        return Outcome.next(Map.of());
    }

    static List<CreatedResources> createdResources(StageContext context) {
        var node = context.job().outputs().get(CreatedResources.INPUT);
        return node == null ? List.of() : JobJson.MAPPER.convertValue(node, new TypeReference<List<CreatedResources>>() { });
    }

    static JobError notCreatedBy(String vmId, String owner) {
        return JobError.of("NotCreatedByFailover", "VM " + vmId + " is not tagged " + FailoverOutputs.TAG_JOB + "="
                + owner + "; it is left alone.", "The VM was replaced by another one of the same name.",
                "Delete it yourself if it must go.");
    }
}

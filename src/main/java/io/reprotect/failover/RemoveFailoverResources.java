package io.reprotect.failover;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes exactly what earlier failover or drill jobs created, by the ids they recorded or planned under their
 * own names ({@link CreatedResources}, copied into this job's inputs): each VM (only when its tag names the job
 * that created it; otherwise the stage fails and deletes nothing), then the NICs it created (never an original NIC
 * it reused), then its disks, each only when its ownership tag names that job (a disk also only when it still has
 * the uniqueId the job recorded; its read access is revoked first, as Azure refuses to delete a disk whose SAS is
 * active): any other is left alone and listed in {@link FailoverOutputs#LEFT_ALONE}. Used by
 * test-failover cleanup, cancel and change of recovery point; first checks that the item's lifecycle still runs
 * this job.
 *
 * <p>Idempotency: every delete treats "already gone" as done, so a rerun or a second cleanup changes nothing.
 */
@ApplicationScoped
public class RemoveFailoverResources extends NamedStage {

    public static final String NAME = "remove-failover-resources";
    private final VirtualMachines vms;
    private final Networks networks;
    private final ManagedDisks disks;
    private final DiskAccess access;
    private final ItemLifecycle lifecycle;

    public RemoveFailoverResources(VirtualMachines vms, Networks networks, ManagedDisks disks, DiskAccess access,
            ItemLifecycle lifecycle) {
        super(NAME);
        this.vms = vms;
        this.networks = networks;
        this.disks = disks;
        this.access = access;
        this.lifecycle = lifecycle;
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
        List<FailoverOutputs.LeftAlone> leftAlone = new ArrayList<>();
        for (CreatedResources created : all) {
            if (created.vmId() != null) {
                vms.delete(created.vmId());
            }
            for (String nic : created.nics()) {
                Optional<Map<String, String>> tags = networks.findNicTags(nic);
                if (tags.isPresent() && !Ownership.taggedFor(tags.get(), created.jobId())) {
                    leftAlone.add(new FailoverOutputs.LeftAlone(nic, "not tagged " + FailoverOutputs.TAG_JOB + "="
                            + created.jobId() + ": not created by that job"));
                } else if (tags.isPresent()) {
                    networks.deleteNic(nic);
                }
            }
            for (String diskId : created.disks()) {
                Optional<DiskInfo> disk = disks.find(diskId);
                Optional<String> notOwned = disk.flatMap(d -> Ownership.diskNotOwned(d, created.jobId(), null,
                        created.uniqueIdOf(diskId)));
                if (notOwned.isPresent()) {
                    leftAlone.add(new FailoverOutputs.LeftAlone(diskId, notOwned.get()));
                } else if (disk.isPresent()) {
                    revoke(diskId);
                    disks.delete(diskId);
                }
            }
        }
        return Outcome.next(FailoverOutputs.LEFT_ALONE.of(leftAlone));
    }

    private void revoke(String diskId) {
        try {
            access.revoke(diskId);
        } catch (CloudException.NotFound gone) {
            // deleted meanwhile: nothing to revoke, and the delete below treats gone as done
        }
    }

    static List<CreatedResources> createdResources(StageContext context) {
        return context.get(CreatedResources.INPUT).orElse(List.of());
    }

    static JobError notCreatedBy(String vmId, String owner) {
        return JobError.of("NotCreatedByFailover", "VM " + vmId + " is not tagged " + FailoverOutputs.TAG_JOB + "="
                + owner + "; it is left alone.", "The VM was replaced by another one of the same name.",
                "Delete it yourself if it must go.");
    }
}

package io.reprotect.reprotect;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.failover.FailoverOutputs;
import io.reprotect.failover.FailoverPlan;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.JobError;
import io.reprotect.job.JobStore;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.AzureRegions;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The two sides of a reprotect that reverses a protected item after its failover was committed (a VM
 * this engine failed back, or failed over again): the same stages as a first reprotect, mirrored. The
 * VM the failover created, now running, becomes the source; the VM the item replicated from becomes the
 * target (captured, stopped, its disks copied as seeds, deleted), and the replicas go to its region.
 * The protected item and the failover job are the record trusted here, as the failover tags are for a
 * first reprotect ({@link FailoverRecord}).
 *
 * <p>Reads only.
 */
@ApplicationScoped
public class CommittedItems {

    private final ProtectedItemStore items;
    private final ItemLifecycle lifecycle;
    private final JobStore jobs;
    private final VirtualMachines vms;

    public CommittedItems(ProtectedItemStore items, ItemLifecycle lifecycle, JobStore jobs, VirtualMachines vms) {
        this.items = items;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.vms = vms;
    }

    /**
     * Where the reversed replication runs.
     *
     * @param target the VM the item replicated from, if it still exists (the reprotect target)
     * @param targetVmId its id, also when it is gone
     * @param targetRegion the region the replicas go to
     * @param targetGroup the request's resource group, else the target VM's
     * @param targetUniqueId the {@code properties.vmId} the target had when it was protected (its reprotect job
     *        recorded it), or null when not recorded
     * @param unplannedFailover true when the committed failover was unplanned: the target may have run on
     */
    public record Sides(ProtectedItem item, VmInfo source, Optional<VmInfo> target, String targetVmId,
            String targetRegion, ResourceId targetGroup, String targetUniqueId, boolean unplannedFailover) {
    }

    /** The protected item of the VM (by its own id or as the VM a failover created), if any. */
    public Optional<ProtectedItem> item(String vmId) {
        return items.findByVm(vmId);
    }

    /** The item's lifecycle, settled. */
    public Lifecycle status(ProtectedItem item) {
        return lifecycle.settled(item).lifecycle();
    }

    /** True when the item's failover was committed: a reprotect reverses it. */
    public boolean committed(ProtectedItem item) {
        return status(item).status() == ItemStatus.FAILOVER_COMMITTED;
    }

    /**
     * Checks that the request reverses {@code item} and finds both sides.
     *
     * @throws PermanentStageException a refusal naming the cause and what to do
     */
    public Sides resolve(ReprotectRequest request, ProtectedItem item) {
        String vmId = request.vmId().id();
        Lifecycle status = status(item);
        if (status.status() != ItemStatus.FAILOVER_COMMITTED) {
            throw refuse("FailoverNotCommitted", "The protected item " + item.id() + " of VM " + vmId + " is in "
                    + status.describe() + ", not failed over and committed; allowed now: "
                    + String.join(", ", LifecycleTable.allowedNames(status)) + ".",
                    "Reprotect in the other direction follows a committed failover of the item.",
                    "Fail the item over and commit the failover first, then request reprotect again.");
        }
        String expected = ReprotectRequest.reverse(item.placement().direction());
        if (!expected.equals(request.failoverDirection())) {
            throw refuse("DirectionMismatch", "The protected item " + item.id() + " replicated " + item.placement().direction()
                    + " and its failover was committed, so reprotect runs " + expected + ", not "
                    + request.failoverDirection() + ".", "failoverDirection does not match the item.",
                    "Set failoverDirection to " + expected + ".");
        }
        if (!AzureRegions.normalize(item.placement().primaryRegion()).equals(AzureRegions.normalize(request.primaryRegion()))) {
            throw refuse("DirectionMismatch", "The primary region of protected item " + item.id() + " is "
                    + item.placement().primaryRegion() + ", not " + request.primaryRegion() + ".",
                    "primaryRegion does not match the item.", "Set primaryRegion to " + item.placement().primaryRegion() + ".");
        }
        String created = failoverVmId(status).orElse(item.failoverVmId());
        VmInfo source = Optional.ofNullable(created).flatMap(vms::find).orElseThrow(() -> refuse("VmNotFound",
                "The VM " + created + " that the failover of item " + item.id() + " created was not found.",
                "The VM was deleted, or moved to another resource group or subscription, after failover.",
                "If it was moved, move it back; if it was deleted, disable protection of the item."));
        Optional<VmInfo> target = vms.find(item.vmId());
        String targetRegion = ReprotectRequest.PRIMARY_TO_RECOVERY.equals(expected)
                ? Optional.ofNullable(item.placement().recoveryRegion()).or(() -> target.map(VmInfo::region)).orElse(null)
                : item.placement().primaryRegion();
        if (targetRegion == null) {
            throw refuse("RecoveryRegionUnknown", "The secondary region of protected item " + item.id()
                    + " is not recorded and its VM " + item.vmId() + " is gone.",
                    "The item was protected by an older version, and the VM in the secondary region was deleted.",
                    "Disable protection of the item and protect the VM again.");
        }
        ResourceId old = ResourceId.parse(item.vmId());
        ResourceId group = request.targetResourceGroupId() != null ? request.targetResourceGroupId()
                : ResourceId.resourceGroup(old.subscriptionId(), old.resourceGroup());
        return new Sides(item, source, target, item.vmId(), AzureRegions.normalize(targetRegion), group,
                recordedUniqueId(item, source), unplanned(status));
    }

    /**
     * The vmId the item's VM had when it was first seen: as the reprotect job that protected it recorded it,
     * else as the failover that created {@code source} tagged it ({@link FailoverRecord#TAG_SOURCE_VM_ID}).
     */
    private Optional<String> recordedUniqueIdOf(ProtectedItem item) {
        return Optional.ofNullable(item.origin().reprotectJobId()).flatMap(jobs::get)
                .flatMap(j -> Outputs.SOURCE_VM.read(j.value())).map(Outputs.VmSummary::vmUniqueId);
    }

    private String recordedUniqueId(ProtectedItem item, VmInfo source) {
        return recordedUniqueIdOf(item).orElse(source.tags().get(FailoverRecord.TAG_SOURCE_VM_ID));
    }

    /** True when the committed failover was unplanned (its job's plan says so). */
    private boolean unplanned(Lifecycle status) {
        return Optional.ofNullable(status.failoverJobId()).flatMap(jobs::get)
                .flatMap(j -> Outputs.FAILOVER_PLAN.read(j.value()))
                .map(plan -> FailoverPlan.UNPLANNED.equals(plan.path("type").asText()))
                .orElse(false);
    }

    /** The VM the committed failover created, as its job recorded it. */
    private Optional<String> failoverVmId(Lifecycle status) {
        return Optional.ofNullable(status.failoverJobId()).flatMap(jobs::get)
                .flatMap(j -> FailoverOutputs.VM.read(j.value()));
    }

    private static PermanentStageException refuse(String code, String message, String cause, String action) {
        return new PermanentStageException(JobError.of(code, message, cause, action));
    }
}

package io.reprotect.reprotect;

import io.reprotect.cloud.RegionProbe;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.request.AzureRegions;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import io.reprotect.request.ServedSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything is touched, that reprotect can run: the VM exists in the secondary
 * region and was not moved, its failover was committed toward the region the caller names, the
 * primary side lies in a subscription the app serves, the resources it reuses there are in the
 * primary region ({@link PrimaryRegionChecks}), and the primary region answers (a read its own Compute
 * front end serves, {@link RegionProbe}: a resource-group read would be answered by ARM's global
 * front end even while the region is down). Regions read from ARM are compared by name, whatever
 * form ARM returned ({@code West Europe} is {@code westeurope}).
 *
 * <p>The target resource group is the request's {@code targetResourceGroupId}; by default, the
 * failover record's source group, in the subscription of the failover record's source VM (the old
 * primary VM), or in the failed-over VM's own subscription when the record names no source VM.
 * What the prepare stage creates without an id of its own (the default cache account, the
 * {@code asr...} target account, an availability set) goes to that group, so to its subscription.
 *
 * <p>A VM whose protected item's failover was committed (one this engine failed back, or failed over
 * again), and any {@code PrimaryToRecovery} request, is checked against its item instead
 * ({@link CommittedItems}): the same stages then run mirrored, toward the region the item replicated from.
 *
 * <p>The VM reprotect will stop and delete (the target) is checked here ({@link TargetVmChecks}): in the
 * region the replicas go to, not the VM being protected, not another protected item's VM, and the VM that
 * failed over (its {@code properties.vmId}, when the failover recorded it); its vmId and creation time are
 * recorded in {@link Outputs#TARGET_VM} for the later stages to compare before each destructive step.
 *
 * <p>Idempotency: reads only; running it twice records the same outputs.
 */
@ApplicationScoped
public class ValidatePrerequisites extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "validate-prerequisites";

    private final VirtualMachines vms;
    private final PrimaryRegionChecks regions;
    private final ServedSubscriptions subscriptions;
    private final RegionProbe probe;
    private final CommittedItems committed;

    public ValidatePrerequisites(VirtualMachines vms, PrimaryRegionChecks regions, ServedSubscriptions subscriptions,
            RegionProbe probe, CommittedItems committed) {
        super(NAME);
        this.vms = vms;
        this.regions = regions;
        this.subscriptions = subscriptions;
        this.probe = probe;
        this.committed = committed;
    }

    @Override
    public Outcome execute(StageContext context) {
        ReprotectRequest request = ReprotectRequest.of(context.job());
        String vmId = request.vmId().id();
        Optional<ProtectedItem> item = committed.item(vmId);
        if (request.primaryToRecovery() || item.filter(committed::committed).isPresent()) {
            return reverse(request, item);
        }
        Optional<VmInfo> found = vms.find(vmId);
        if (found.isEmpty()) {
            return Outcome.fail(new JobError("VmNotFound",
                    "The failed-over VM " + vmId + " was not found.",
                    List.of("The VM was deleted after failover.",
                            "The VM was moved to another resource group or subscription after failover."),
                    "If the VM was moved, move it back or submit the request with its current id (a moved VM "
                            + "must be protected again from scratch); if it was deleted, reprotect is not possible.",
                    null));
        }
        VmInfo vm = found.get();
        Optional<FailoverRecord> record = FailoverRecord.of(vm);
        if (record.isEmpty()) {
            return refuse("NotFailedOver", "VM " + vmId + " carries no failover record (tags "
                    + FailoverRecord.TAG_SOURCE_VM + ", " + FailoverRecord.TAG_STATE + ").",
                    "The VM was not created by a failover, or its tags were removed.",
                    "Reprotect applies to VMs that failed over; to protect this VM, enable replication for it.");
        }
        FailoverRecord failover = record.get();
        if (failover.movedFrom(vm.id())) {
            return refuse("VmMoved", "VM " + vmId + " was moved after failover; the failover created it as "
                    + failover.recoveryVmId() + ".", "The VM was moved to another resource group.",
                    "Move the VM back to its resource group, or disable and re-enable replication for it.");
        }
        if (!failover.committed()) {
            return refuse("FailoverNotCommitted", "The failover of VM " + vmId + " is '" + failover.state()
                    + "', not committed.", "The failover is still pending or was not committed.",
                    "Commit the failover first, then request reprotect again.");
        }
        if (sameRegion(vm.region(), request.primaryRegion())) {
            return refuse("AlreadyInPrimaryRegion", "VM " + vmId + " already runs in " + vm.region()
                    + ", the region named as primary.", "The VM was already failed back, or primaryRegion is wrong.",
                    "Name the region the VM failed over from as primaryRegion.");
        }
        if (failover.sourceRegion() != null && !sameRegion(failover.sourceRegion(), request.primaryRegion())) {
            return refuse("DirectionMismatch", "VM " + vmId + " failed over from " + failover.sourceRegion()
                    + ", not from " + request.primaryRegion() + ".", "primaryRegion does not match the failover.",
                    "Set primaryRegion to " + failover.sourceRegion() + ".");
        }
        ResourceId sourceVm = failover.sourceVmId() == null ? null : parseOrNull(failover.sourceVmId());
        if (sourceVm != null && !subscriptions.serves(sourceVm.subscriptionId())) {
            return refuse("SubscriptionNotServed", "VM " + vmId + " failed over from " + failover.sourceVmId()
                    + ", whose " + subscriptions.refusal(sourceVm.subscriptionId()) + ".",
                    "The primary side of this VM lies in a subscription the app was not set up for.",
                    "Add the subscription to the app's settings and role assignments, then request reprotect again.");
        }
        ResourceId targetGroup = targetGroup(request, failover, sourceVm);
        if (targetGroup == null) {
            return refuse("TargetResourceGroupUnknown", "The failover record names no primary resource group.",
                    "Tag " + FailoverRecord.TAG_SOURCE_RG + " is missing.", "Set targetResourceGroupId in the request.");
        }
        // the primary region answers: this read fails with a transient error (and is retried) while it does not
        probe.probe(targetGroup.subscriptionId(), request.primaryRegion());
        Optional<JobError> misplaced = regions.check(request, targetGroup);
        if (misplaced.isPresent()) {
            return Outcome.fail(misplaced.get());
        }

        List<Output> outputs = outputs(vm, targetGroup, request.primaryRegion());
        Optional<VmInfo> target = sourceVm == null ? Optional.empty() : vms.find(failover.sourceVmId());
        if (target.isPresent()) {
            Optional<JobError> refused = otherItem(target.get(), item);
            if (refused.isEmpty()) {
                refused = TargetVmChecks.atStart(target.get(), vm, request.primaryRegion(), failover.sourceVmUniqueId());
            }
            if (refused.isEmpty()) {
                refused = TargetVmChecks.running(target.get(), request.allowStopRunningTargetVm());
            }
            if (refused.isPresent()) {
                return Outcome.fail(refused.get());
            }
            outputs.add(Outputs.TARGET_VM.of(Outputs.summary(target.get())));
        }
        return Outcome.next(outputs);
    }

    /**
     * A reprotect after a committed failover of a protected item, in either direction: the item and the
     * failover job say where the VM runs now and which VM it replicated from ({@link CommittedItems}).
     */
    private Outcome reverse(ReprotectRequest request, Optional<ProtectedItem> item) {
        if (item.isEmpty()) {
            return refuse("NotFailedBack", "VM " + request.vmId().id() + " has no protected item: " + request.failoverDirection()
                    + " applies to a VM this engine failed back to its primary region (its failover committed).",
                    "The VM was not failed back by this engine, or vmId names another VM.",
                    "Name the VM the failback created (or the VM its protected item was protected as), or use "
                            + ReprotectRequest.RECOVERY_TO_PRIMARY + " for a VM failed over to its secondary region.");
        }
        CommittedItems.Sides sides;
        try {
            sides = committed.resolve(request, item.get());
        } catch (PermanentStageException refused) {
            return Outcome.fail(refused.error());
        }
        ResourceId group = sides.targetGroup();
        if (!subscriptions.serves(group.subscriptionId())) {
            return refuse("SubscriptionNotServed", "The target resource group " + group.id() + " is in "
                    + subscriptions.refusal(group.subscriptionId()) + ".",
                    "The side the VM replicates to lies in a subscription the app was not set up for.",
                    "Add the subscription to the app's settings and role assignments, then request reprotect again.");
        }
        probe.probe(group.subscriptionId(), sides.targetRegion());
        Optional<JobError> misplaced = regions.check(request, group, sides.targetRegion());
        if (misplaced.isPresent()) {
            return Outcome.fail(misplaced.get());
        }
        List<Output> outputs = outputs(sides.source(), group, sides.targetRegion());
        if (sides.target().isPresent()) {
            Optional<JobError> refused = TargetVmChecks.atStart(sides.target().get(), sides.source(),
                    sides.targetRegion(), sides.targetUniqueId())
                    .or(() -> TargetVmChecks.running(sides.target().get(), request.allowStopRunningTargetVm()));
            if (refused.isPresent()) {
                return Outcome.fail(refused.get());
            }
            outputs.add(Outputs.TARGET_VM.of(Outputs.summary(sides.target().get())));
            if (sides.unplannedFailover()) {
                outputs.add(Outputs.WARNINGS.of(List.of(unplannedWarning(sides.target().get()))));
            }
        }
        outputs.add(Outputs.REPROTECTED_ITEM.of(sides.item().id()));
        return Outcome.next(outputs);
    }

    /**
     * The warning a reprotect back after an unplanned failover gives before it deletes the old secondary VM.
     */
    static String unplannedWarning(VmInfo oldVm) {
        return "The failover was unplanned: the VM " + oldVm.id() + " may have run on after it and taken writes that "
                + "were never replicated. Reprotect deletes that VM (its disks, NICs and public IPs are kept, and its "
                + "disks are copied as seeds first, then overwritten with the failed-over VM's data): copy anything "
                + "you need from its disks before the seeds are resynchronised, or cancel this job.";
    }

    /** A target that is another protected item's VM (not the item this reprotect continues) is refused. */
    private Optional<JobError> otherItem(VmInfo target, Optional<ProtectedItem> own) {
        Optional<ProtectedItem> holder = committed.item(target.id());
        if (holder.isEmpty() || own.map(o -> o.id().equals(holder.get().id())).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(TargetVmChecks.protectedByAnotherItem(target, holder.get().id()));
    }

    private static List<Output> outputs(VmInfo source, ResourceId targetGroup, String targetRegion) {
        return new ArrayList<>(List.of(Outputs.SOURCE_VM.of(Outputs.summary(source)),
                Outputs.TARGET_RESOURCE_GROUP.of(targetGroup.resourceGroup()),
                Outputs.TARGET_RESOURCE_GROUP_ID.of(targetGroup.id()), Outputs.TARGET_REGION.of(targetRegion)));
    }

    private static boolean sameRegion(String a, String b) {
        return a != null && b != null && AzureRegions.normalize(a).equals(AzureRegions.normalize(b));
    }

    /** The request's group, else the failover's source group in the old primary VM's subscription. */
    private static ResourceId targetGroup(ReprotectRequest request, FailoverRecord failover, ResourceId sourceVm) {
        if (request.targetResourceGroupId() != null) {
            return request.targetResourceGroupId();
        }
        if (failover.sourceResourceGroup() == null) {
            return null;
        }
        String subscription = sourceVm != null ? sourceVm.subscriptionId() : request.vmId().subscriptionId();
        return ResourceId.resourceGroup(subscription, failover.sourceResourceGroup());
    }

    private static ResourceId parseOrNull(String vmId) {
        try {
            return ResourceId.parse(vmId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Outcome refuse(String code, String message, String cause, String action) {
        return Outcome.fail(JobError.of(code, message, cause, action));
    }
}

package io.reprotect.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.ResourceGroups;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.request.ReprotectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before anything is touched, that reprotect can run: the VM exists in the secondary
 * region and was not moved, its failover was committed toward the region the caller names, and
 * the primary region answers (reading the target resource group there).
 *
 * <p>Idempotency: reads only; running it twice records the same outputs.
 */
@ApplicationScoped
public class ValidatePrerequisites implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "validate-prerequisites";

    private final VirtualMachines vms;
    private final ResourceGroups groups;

    public ValidatePrerequisites(VirtualMachines vms, ResourceGroups groups) {
        this.vms = vms;
        this.groups = groups;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        ReprotectRequest request = context.job().request();
        String vmId = request.vmId().id();
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
        if (vm.region().equalsIgnoreCase(request.primaryRegion())) {
            return refuse("AlreadyInPrimaryRegion", "VM " + vmId + " already runs in " + vm.region()
                    + ", the region named as primary.", "The VM was already failed back, or primaryRegion is wrong.",
                    "Name the region the VM failed over from as primaryRegion.");
        }
        if (failover.sourceRegion() != null && !failover.sourceRegion().equalsIgnoreCase(request.primaryRegion())) {
            return refuse("DirectionMismatch", "VM " + vmId + " failed over from " + failover.sourceRegion()
                    + ", not from " + request.primaryRegion() + ".", "primaryRegion does not match the failover.",
                    "Set primaryRegion to " + failover.sourceRegion() + ".");
        }
        String targetGroup = request.targetResourceGroupId() != null
                ? request.targetResourceGroupId().resourceGroup() : failover.sourceResourceGroup();
        if (targetGroup == null) {
            return refuse("TargetResourceGroupUnknown", "The failover record names no primary resource group.",
                    "Tag " + FailoverRecord.TAG_SOURCE_RG + " is missing.", "Set targetResourceGroupId in the request.");
        }
        // the primary region answers: this read fails with a transient error (and is retried) while it does not
        groups.find(targetGroup);

        Map<String, JsonNode> outputs = new HashMap<>();
        outputs.put(Outputs.SOURCE_VM, StageContext.json(Outputs.summary(vm)));
        outputs.put(Outputs.TARGET_RESOURCE_GROUP, StageContext.json(targetGroup));
        if (failover.sourceVmId() != null) {
            vms.find(failover.sourceVmId())
                    .ifPresent(target -> outputs.put(Outputs.TARGET_VM, StageContext.json(Outputs.summary(target))));
        }
        return Outcome.next(outputs);
    }

    private static Outcome refuse(String code, String message, String cause, String action) {
        return Outcome.fail(JobError.of(code, message, cause, action));
    }
}

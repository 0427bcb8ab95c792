package io.reprotect.failover;

import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobError;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.Outputs;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts every failover-lifecycle what-if shares: the real call's checks (state, recovery point, busy VM)
 * run without starting anything, and the changes of the create and remove stages worked out from the plan
 * with reads only (ARM GETs, Get Page Ranges of the recovery point's replica snapshots; no data is read).
 */
@ApplicationScoped
public class FailoverWhatIfs {

    /** Stands in for the job id the call would make when no Idempotency-Key fixes it: names from it show x's. */
    static final String PLACEHOLDER_JOB = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    static final String IMPORT_BASIS = "create-failover-disks copies each recovery point snapshot server-side into a "
            + "temporary page blob and imports it: the bytes are the snapshot's allocated page ranges (Get Page Ranges "
            + "of the replica snapshot; no data is read); diskSizeBytes is the managed disk created.";

    private final FailoverService failovers;
    private final ManagedDisks disks;
    private final Networks networks;
    private final VirtualMachines vms;
    private final PageBlobs blobs;

    public FailoverWhatIfs(FailoverService failovers, ManagedDisks disks, Networks networks, VirtualMachines vms,
            PageBlobs blobs) {
        this.failovers = failovers;
        this.disks = disks;
        this.networks = networks;
        this.vms = vms;
        this.blobs = blobs;
    }

    /** The job id the call would use: from the Idempotency-Key as the call derives it, else a placeholder. */
    static String jobId(String operation, String itemId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? PLACEHOLDER_JOB
                : FailoverService.jobId(operation, itemId, idempotencyKey);
    }

    /**
     * The answer when the Idempotency-Key already started this call's job: the call returns that job and starts
     * nothing new, so the what-if lists nothing but it.
     */
    Optional<WhatIf> repeat(String operation, FailoverSource item, String jobId) {
        return failovers.existing(jobId).map(job -> new WhatIfDraft(operation, item.vmId())
                .noChange("/api/jobs/" + job.id(), "This Idempotency-Key already started job " + job.id() + " ("
                        + job.state() + "): the call answers with it and starts nothing new")
                .check(WhatIf.Check.passed("idempotency-key-repeat")).build());
    }

    /** The item; a 404 as the call answers when there is none. */
    FailoverSource item(String itemId) {
        return failovers.source(itemId);
    }

    FailoverService service() {
        return failovers;
    }

    /** Check {@code operation-allowed}: the item's state allows the operation (else 409 operation-not-allowed). */
    Lifecycle allowed(WhatIfDraft draft, String itemId, Operation operation) {
        return draft.check("operation-allowed", () -> {
            try {
                return failovers.requireAllowed(itemId, operation);
            } catch (OperationNotAllowedException e) {
                throw WhatIfDraft.RefusedException.notAllowed(e);
            }
        });
    }

    /** Check {@code recovery-point}: the caller's choice resolves to a point, shown in the answer. */
    FailoverPlan.Point point(WhatIfDraft draft, FailoverSource item, String choice) {
        FailoverPlan.Point point = draft.check("recovery-point", () -> FailoverPlanner.point(item, choice,
                "recoveryPoint"));
        if (point != null) {
            String type = item.points().stream().filter(p -> p.id().equals(point.id())).map(FailoverSource.Point::type)
                    .findFirst().orElse(null);
            draft.recoveryPoint(new WhatIf.PointChoice(choice == null || choice.isBlank() ? FailoverPlanner.LATEST
                    : choice, point.id(), point.time(), type));
        }
        return point;
    }

    /** A replica blob, named under its storage account as the reprotect what-if names it. */
    static String replicaId(Outputs.AccountRef account, Outputs.Replica replica) {
        return account.id() + "/blobServices/default/containers/" + replica.container() + "/blobs/" + replica.blobName();
    }

    /** The failover job's VM, as it recorded it; null when it recorded none. */
    String vmOf(String jobId) {
        return jobId == null ? null : failovers.createdBy(jobId).vmId();
    }

    /**
     * What cancel's restart-source-vm does to the VM the failover was made from: nothing when it runs, a start
     * when it is stopped; refused when it is gone (cancel would leave no VM running).
     */
    void sourceRestart(WhatIfDraft draft, String sourceVmId) {
        VmInfo source = draft.check("source-vm-exists", () -> vms.find(sourceVmId).orElseThrow(() ->
                new WhatIfDraft.RefusedException(JobError.of("SourceVmNotFound", "The VM " + sourceVmId + " that the "
                        + "failover was made from was not found, so cancelling would leave no VM running.",
                        "The VM was deleted or moved, or its region is unavailable.",
                        "Commit the failover, or change its recovery point."), 409)));
        if (source != null && source.powerState() != PowerState.RUNNING) {
            draft.modify(sourceVmId, "Started again (was " + source.powerState() + ") before anything the failover "
                    + "created is removed");
        }
    }

    /** True when the failed-over VM {@code vmId} is gone or no longer carries job {@code jobId}'s tag. */
    boolean vmMissing(String vmId, String jobId) {
        return vms.find(vmId).filter(vm -> jobId.equals(vm.tags().get(FailoverOutputs.TAG_JOB))).isEmpty();
    }

    /** Check {@code vm-not-busy}: no other job holds the VM (else 409 vm-busy). */
    void vmFree(WhatIfDraft draft, String itemId, FailoverSource item, boolean drill) {
        draft.check("vm-not-busy", () -> {
            failovers.requireVmFree(itemId, item, drill);
            return true;
        });
    }

    /**
     * The create stages: disks imported from {@code point} (null: the final point a planned failover takes,
     * bounded by each disk's size), NICs reused or created, the VM created and started.
     */
    void createStages(WhatIfDraft draft, FailoverPlan plan, FailoverPlan.Point point) {
        createStages(draft, plan, point, null, null);
    }

    /**
     * As above, after {@code removedVmId} (the VM a change of recovery point removes first) is gone;
     * {@code finalSyncExpected}: per disk, what a planned failover's final sync is expected to write (null: unknown).
     */
    void createStages(WhatIfDraft draft, FailoverPlan plan, FailoverPlan.Point point, String removedVmId,
            List<Long> finalSyncExpected) {
        for (int i = 0; i < plan.disks().size(); i++) {
            FailoverPlan.DiskPlan disk = plan.disks().get(i);
            String diskId = CreateFailoverDisks.diskId(plan, disk);
            Optional<DiskInfo> existing = disks.find(diskId);
            if (existing.isPresent() && Ownership.taggedFor(existing.get().tags(), plan.tags().get(FailoverOutputs.TAG_JOB))) {
                draft.noChange(diskId, "This job's disk exists; create-failover-disks keeps it");
                continue;
            } else if (existing.isPresent()) {
                draft.check(WhatIf.Check.refused("disk-name-free", Ownership.nameTaken("Disk " + diskId,
                        "it is not tagged " + FailoverOutputs.TAG_JOB + "=" + plan.tags().get(FailoverOutputs.TAG_JOB))));
                continue;
            }
            draft.create(diskId, "Managed disk (" + disk.sku() + (disk.osType() == null ? "" : ", " + disk.osType()
                    + " OS disk") + ") imported from the recovery point's snapshot of replica " + disk.replica().blobName()
                    + " through a temporary page blob, deleted once imported");
            draft.move(point == null ? finalImport(plan, disk, diskId, finalSyncExpected == null ? null
                    : finalSyncExpected.get(i)) : pointImport(plan, disk, diskId, point.snapshotUrls().get(i)));
        }
        for (FailoverPlan.NicPlan nic : plan.nics()) {
            Optional<VmShape.Nic> original = AttachFailoverNetwork.reusable(networks, nic, removedVmId);
            if (original.isPresent()) {
                draft.noChange(original.get().id(), "Original NIC, free: reused with IP " + original.get().privateIp());
            } else if (networks.findSubnet(nic.subnetId()).isEmpty()) {
                draft.check(WhatIf.Check.refused("subnet-exists", AttachFailoverNetwork.subnetNotFound(nic)));
            } else {
                draft.create(AttachFailoverNetwork.nicId(plan, nic), "NIC in " + nic.subnetId()
                        + (nic.privateIp() == null ? "" : ", keeping " + nic.privateIp() + " when free there"));
            }
        }
        String vmId = "/subscriptions/" + plan.account().id().split("/")[2] + "/resourceGroups/" + plan.resourceGroup()
                + "/providers/Microsoft.Compute/virtualMachines/" + plan.vmName();
        Optional<VmInfo> existing = vms.find(vmId);
        if (existing.isPresent() && !existing.get().id().equalsIgnoreCase(String.valueOf(removedVmId))) {
            draft.check(WhatIf.Check.refused("vm-name-free", JobError.of("VmExistsWithAnotherDisk", "VM " + vmId
                    + " exists; create-failover-vm leaves it untouched and fails.", "A VM of the name was created "
                    + "since reprotect.", "Delete or rename it, then ask again.")));
        } else {
            draft.create(vmId, "VM in its captured shape (" + plan.shape().vmSize() + "), data disks at their LUNs, "
                    + "then started" + (plan.drill() ? "; outside the availability set, zone and proximity group"
                    : ""));
        }
    }

    /** The removal of what jobs created, by the ids they recorded (what remove-failover-resources deletes). */
    void removeStage(WhatIfDraft draft, java.util.List<String> createdByJobs, String what) {
        for (String createdBy : createdByJobs) {
            CreatedResources recorded = failovers.createdBy(createdBy);
            Optional.ofNullable(recorded.vmId()).ifPresent(vm -> {
                Optional<VmInfo> found = vms.find(vm);
                if (found.isPresent() && !createdBy.equals(found.get().tags().get(FailoverOutputs.TAG_JOB))) {
                    draft.check(WhatIf.Check.refused("created-by-job", RemoveFailoverResources.notCreatedBy(vm,
                            createdBy)));
                } else {
                    draft.delete(vm, what + " VM" + (found.isEmpty() ? " (already gone)" : ""));
                }
            });
            for (String nic : recorded.nics()) {
                Optional<java.util.Map<String, String>> tags = networks.findNicTags(nic);
                if (tags.isPresent() && Ownership.taggedFor(tags.get(), createdBy)) {
                    draft.delete(nic, what + " NIC (created by job " + createdBy + "; an original NIC it reused is kept)");
                } else if (tags.isPresent()) {
                    draft.noChange(nic, "Not tagged " + FailoverOutputs.TAG_JOB + "=" + createdBy + ": left alone");
                }
            }
            for (String disk : recorded.disks()) {
                Optional<DiskInfo> found = disks.find(disk);
                Optional<String> notOwned = found.flatMap(d -> Ownership.diskNotOwned(d, createdBy, null,
                        recorded.uniqueIdOf(disk)));
                if (notOwned.isPresent()) {
                    draft.noChange(disk, "Left alone: " + notOwned.get());
                } else if (found.isPresent()) {
                    draft.delete(disk, what + " managed disk");
                }
            }
        }
    }

    /** The failover-status change the job's last stage makes. */
    static void state(WhatIfDraft draft, String itemId, String change) {
        draft.modify("/api/protected-items/" + itemId, change);
    }

    /** Import from an existing point: its snapshot's allocated ranges, read from the range list only. */
    private WhatIf.DiskTransfer pointImport(FailoverPlan plan, FailoverPlan.DiskPlan disk, String diskId,
            String snapshotUrl) {
        int at = snapshotUrl.indexOf("snapshot=");
        String snapshot = URLDecoder.decode(snapshotUrl.substring(at + "snapshot=".length()), StandardCharsets.UTF_8);
        BlobRef blob = new BlobRef(plan.account().blobEndpoint(), disk.replica().container(), disk.replica().blobName(),
                snapshot);
        long size = disk.sizeBytes() > 0 ? disk.sizeBytes() : ImportableBlobs.virtualSize(blobs.sizeBytes(blob));
        return new WhatIf.DiskTransfer(disk.replica().sourceDiskId(), null, blobs.allocatedBytes(blob),
                CreateFailoverDisks.NAME,
                snapshotUrl, diskId, size, null);
    }

    /**
     * Import from the point a planned failover's final sync takes: not there yet, bounded by the disk's size;
     * expected: the replica's allocated ranges now plus what the final sync is expected to write.
     */
    private WhatIf.DiskTransfer finalImport(FailoverPlan plan, FailoverPlan.DiskPlan disk, String diskId,
            Long finalSync) {
        long size = disks.find(disk.replica().sourceDiskId()).map(DiskInfo::sizeBytes).orElse(0L);
        Long expected = finalSync == null ? null : Math.min(size, blobs.allocatedBytes(BlobRef.of(
                plan.account().blobEndpoint(), disk.replica().container(), disk.replica().blobName())) + finalSync);
        return new WhatIf.DiskTransfer(disk.replica().sourceDiskId(), null, size, CreateFailoverDisks.NAME,
                replicaId(plan.account(), disk.replica()) + " (the final recovery point's snapshot)", diskId, size,
                expected);
    }
}

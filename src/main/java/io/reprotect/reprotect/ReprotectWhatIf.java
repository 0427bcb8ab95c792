package io.reprotect.reprotect;

import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.ResourceGroups;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.Outputs;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import io.reprotect.whatif.WhatIf;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The what-if of a reprotect: runs the prerequisites check ({@link ValidatePrerequisites}) and the
 * prepare stage's planner ({@link TargetPlanner}) on a job that exists only in memory, and lists what
 * the stages would create, reuse, change and delete, and the bytes the resync may move.
 *
 * <p>Changes nothing: no job, no claim, no ARM write, no blob write. It reads ARM (GETs and
 * storage account name checks) and the job history.
 */
@ApplicationScoped
public class ReprotectWhatIf {

    static final String BASIS = "Upper bound: the provisioned size of each source disk. The resync compares the "
            + "source with the replica (seeded from the old primary disk) and writes only pages that differ, so it "
            + "moves at most this, and much less when the seed is close to the source. A tighter bound (Get Page "
            + "Ranges) would need a read SAS of every disk, and granting one is an ARM write that locks the disk "
            + "(state ActiveSAS; the attached source disk would even need a snapshot first): a what-if does not.";

    private final ValidatePrerequisites prerequisites;
    private final TargetPlanner planner;
    private final ResourceGroups groups;
    private final VirtualMachines vms;
    private final ManagedDisks disks;
    private final ReprotectService reprotects;
    private final JobService jobs;
    private final StageConfig config;
    private final Clock clock;

    public ReprotectWhatIf(ValidatePrerequisites prerequisites, TargetPlanner planner, ResourceGroups groups,
            VirtualMachines vms, ManagedDisks disks, ReprotectService reprotects, JobService jobs, StageConfig config, Clock clock) {
        this.prerequisites = prerequisites;
        this.planner = planner;
        this.groups = groups;
        this.vms = vms;
        this.disks = disks;
        this.reprotects = reprotects;
        this.jobs = jobs;
        this.config = config;
        this.clock = clock;
    }

    public WhatIf evaluate(ReprotectRequest request) {
        String vmId = request.vmId().id();
        List<WhatIf.Check> checks = new ArrayList<>();
        String heldVm = vmId;
        WhatIf.Check admitted;
        try {
            heldVm = reprotects.admit(request);
            admitted = WhatIf.Check.passed("vm-not-protected");
        } catch (AlreadyProtectedException e) {
            admitted = alreadyProtected(e);
        } catch (OperationNotAllowedException e) {
            admitted = WhatIf.Check.refused("operation-allowed", JobError.of("OperationNotAllowed",
                    e.getMessage(), "The protected item's failover is not committed.",
                    "Commit the failover first, or see allowedOperations on the item."), 409);
        }
        checks.add(admitted);
        checks.add(notBusy(heldVm));
        Job job = inMemoryJob(request);
        Outcome validated = prerequisites.execute(new StageContext(job, job.tasks().get(0), clock.instant()));
        if (validated instanceof Outcome.Fail fail) {
            checks.add(WhatIf.Check.refused(ValidatePrerequisites.NAME, fail.error()));
            return new WhatIf(WhatIf.REFUSED, "reprotect", vmId, List.of(), null, checks);
        }
        checks.add(WhatIf.Check.passed(ValidatePrerequisites.NAME));
        StageContext context = new StageContext(job.withOutputs(((Outcome.Next) validated).outputs()),
                job.tasks().get(1), clock.instant());
        List<WhatIf.Change> changes = new ArrayList<>();
        TargetPlanner.AccountPlan target;
        try {
            target = prepare(request, context, changes);
            checks.add(WhatIf.Check.passed(PrepareTarget.NAME));
        } catch (PermanentStageException e) {
            checks.add(WhatIf.Check.refused(PrepareTarget.NAME, e.error()));
            return new WhatIf(WhatIf.REFUSED, "reprotect", vmId, changes, null, checks);
        }
        WhatIf.Transfer transfer = disksAndTransfer(context, target, changes);
        boolean refused = checks.stream().anyMatch(c -> WhatIf.REFUSED.equals(c.result()));
        return new WhatIf(refused ? WhatIf.REFUSED : WhatIf.SUCCEEDED, "reprotect", vmId, changes, transfer, checks);
    }

    /** The job the submission would create, never stored. */
    private Job inMemoryJob(ReprotectRequest request) {
        List<Task> tasks = Workflows.REPROTECT.stages().stream()
                .map(s -> Task.notStarted(s.name(), s.friendlyName())).toList();
        return new Job("what-if", Workflows.REPROTECT.name(), request.vmId().id(), request.toJson(), JobState.NotStarted, tasks, false, null, 0, Map.of(),
                clock.instant(), clock.instant());
    }

    /** The submission is refused with 409 already-protected while the VM is protected. */
    private static WhatIf.Check alreadyProtected(AlreadyProtectedException e) {
        return WhatIf.Check.refused("vm-not-protected", JobError.of("AlreadyProtected",
                e.getMessage() + ".", "Reprotect ran for this VM before.", "See GET /api/protected-items/"
                        + e.itemId() + "; disable protection first to reprotect it again."), 409);
    }

    /** The submission is refused with 409 vm-busy while another job holds the VM (the same claim check). */
    private WhatIf.Check notBusy(String vmId) {
        try {
            jobs.requireVmFree(vmId, null);
            return WhatIf.Check.passed("vm-not-busy");
        } catch (VmBusyException e) {
            return WhatIf.Check.refused("vm-not-busy", JobError.of("VmBusy", e.getMessage() + ".",
                    "Another operation on the VM has not ended.", "Wait for job " + e.activeJobId()
                            + " to end, or cancel it, then submit again."), 409);
        }
    }

    /** The prepare stage's decisions, as changes. */
    private TargetPlanner.AccountPlan prepare(ReprotectRequest request, StageContext context,
            List<WhatIf.Change> changes) {
        String region = context.get(Outputs.TARGET_REGION).orElse(request.primaryRegion());
        ResourceId group = PrepareTarget.targetGroup(context, request);
        Outputs.VmSummary source = context.require(Outputs.SOURCE_VM);
        Optional<Outputs.VmSummary> old = context.get(Outputs.TARGET_VM);
        Map<String, String> sourceTags = vms.find(source.id()).map(v -> v.tags()).orElse(Map.of());
        changes.add(groups.find(group.subscriptionId(), group.resourceGroup()).isPresent()
                ? change(group.id(), WhatIf.ChangeType.NoChange, "Target resource group, reused")
                : change(group.id(), WhatIf.ChangeType.Create, "Target resource group, created in " + region));
        account(changes, planner.cache(request, group, region), "Cache storage account");
        TargetPlanner.AccountPlan target = planner.target(request, group, region, source.name(), sourceTags);
        account(changes, target, "Target storage account for the replica disks");
        planner.availabilitySet(request, group, region, old).ifPresent(set -> changes.add(set.existing() != null
                ? change(set.id(), WhatIf.ChangeType.NoChange, "Availability set, reused")
                : change(set.id(), WhatIf.ChangeType.Create, "Availability set, created in " + region)));
        return target;
    }

    private static void account(List<WhatIf.Change> changes, TargetPlanner.AccountPlan plan, String what) {
        changes.add(plan.existing() != null
                ? change(plan.id(), WhatIf.ChangeType.NoChange, what + ", reused")
                : change(plan.id(), WhatIf.ChangeType.Create, what + ", created (" + plan.create().sku() + ", "
                        + plan.create().kind() + ")"));
    }

    /** The VMs, disks and replicas the later stages touch, and the resync's upper bound. */
    private WhatIf.Transfer disksAndTransfer(StageContext context, TargetPlanner.AccountPlan target,
            List<WhatIf.Change> changes) {
        Outputs.VmSummary source = context.require(Outputs.SOURCE_VM);
        Optional<Outputs.VmSummary> old = context.get(Outputs.TARGET_VM);
        List<Outputs.Replica> replicas = CopySeed.plan(source, old.orElse(null),
                config.replicaContainer());
        String warnings = String.join(" ", context.get(Outputs.WARNINGS).orElse(List.of()));
        old.ifPresent(vm -> changes.add(change(vm.id(), WhatIf.ChangeType.Delete, "Old primary VM: deallocated, "
                + "its disks copied as seeds, then deleted; its managed disks, NICs and public IPs are kept (their "
                + "deleteOption is set to Detach first)" + (warnings.isEmpty() ? "" : ". Warning: " + warnings))));
        List<WhatIf.DiskTransfer> transfers = new ArrayList<>();
        long total = 0;
        for (Outputs.Replica replica : replicas) {
            if (replica.seedDiskId() != null) {
                changes.add(change(replica.seedDiskId(), WhatIf.ChangeType.NoChange,
                        "Old primary disk, kept; read once through a read-only SAS as the seed of " + replica.blobName()));
            }
            changes.add(change(replica.sourceDiskId(), WhatIf.ChangeType.NoChange, "Source disk, read through a "
                    + "snapshot taken when the resync starts and deleted when it ends"));
            changes.add(change(target.id() + "/blobServices/default/containers/" + replica.container() + "/blobs/"
                    + replica.blobName(), WhatIf.ChangeType.Create, "Replica page blob"
                    + (replica.seedDiskId() == null ? ", starts empty" : ", seeded by a server-side copy")
                    + ", resynced, then snapshotted as the first recovery point"));
            long bound = disks.find(replica.sourceDiskId()).map(DiskInfo::sizeBytes).orElse(0L);
            transfers.add(new WhatIf.DiskTransfer(replica.sourceDiskId(), replica.seedDiskId(), bound));
            total += bound;
        }
        changes.add(change(source.id(), WhatIf.ChangeType.NoChange,
                "Failed-over VM keeps running; it becomes the replication source"));
        return new WhatIf.Transfer(total, BASIS, transfers);
    }

    private static WhatIf.Change change(String id, WhatIf.ChangeType type, String reason) {
        return new WhatIf.Change(id, type, reason);
    }
}

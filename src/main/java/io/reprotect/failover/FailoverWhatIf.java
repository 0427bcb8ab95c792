package io.reprotect.failover;

import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.protection.Operation;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.ChangeRates;
import io.reprotect.replication.CopyChangedRanges;
import io.reprotect.replication.SnapshotSourceDisks;
import io.reprotect.request.ResourceId;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The what-if of a failover, Planned or Unplanned: the call's checks, then what the workflow's stages would do.
 * An unplanned failover's what-if, like the failover, asks nothing of the secondary region.
 */
@ApplicationScoped
public class FailoverWhatIf {

    static final String PLANNED_BASIS = "Upper bound. The final sync (a replication cycle: copy-changes) takes an "
            + "incremental snapshot of each source disk after the shutdown and writes to its replica only the ranges "
            + "that changed since the last cycle's snapshot; bounded here by the disk's provisioned size, since listing the changed ranges (Get Page "
            + "Ranges against the last source snapshot) needs a new snapshot and a read SAS, ARM writes a what-if does "
            + "not make. The import then copies the final point: at most the disk's size. bytesExpected: the changed "
            + "and cleared ranges the last replication cycle measured on each disk (its snapshot diff), scaled from "
            + "that cycle's interval to the time since the newest recovery point; the import adds the replica's "
            + "allocated ranges now (Get Page Ranges of the replica). "
            + FailoverWhatIfs.IMPORT_BASIS;

    private final FailoverWhatIfs parts;
    private final VirtualMachines vms;
    private final ManagedDisks disks;
    private final ProtectedItemStore items;
    private final ChangeRates rates;
    private final Clock clock;

    public FailoverWhatIf(FailoverWhatIfs parts, VirtualMachines vms, ManagedDisks disks, ProtectedItemStore items,
            ChangeRates rates, Clock clock) {
        this.parts = parts;
        this.vms = vms;
        this.disks = disks;
        this.items = items;
        this.rates = rates;
        this.clock = clock;
    }

    /** {@code type} Planned or Unplanned and {@code recoveryPoint} as the call has validated them. */
    public WhatIf evaluate(String itemId, String type, String recoveryPoint, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        boolean planned = FailoverPlan.PLANNED.equals(type);
        String operation = planned ? "planned-failover" : "unplanned-failover";
        Optional<WhatIf> repeat = parts.repeat(operation, item, FailoverWhatIfs.jobId("failover", itemId,
                idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft(operation, item.vmId());
        parts.allowed(draft, itemId, planned ? Operation.PLANNED_FAILOVER
                : Operation.UNPLANNED_FAILOVER);
        FailoverPlan.Point point = parts.point(draft, item, recoveryPoint);
        String jobId = FailoverWhatIfs.jobId("failover", itemId, idempotencyKey);
        FailoverPlan plan = point == null ? null
                : draft.check("vm-shape-captured", () -> FailoverPlanner.failover(item, jobId, type, recoveryPoint));
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        List<Long> finalSync = null;
        if (planned) {
            draft.recoveryPoint(null); // it creates from the point its final sync takes, not from this one
            finalSync = finalSync(draft, itemId, item, plan, jobId);
        } else {
            draft.noChange(item.vmId(), "Not touched: an unplanned failover asks nothing of the secondary region");
        }
        parts.createStages(draft, plan, planned ? null : point, null, finalSync);
        items.get(itemId).map(i -> i.cycle() == null ? null : i.cycle().nextCycleJobId()).ifPresent(next ->
                draft.modify("/api/jobs/" + next, "The replication cycle waiting for its turn is cancelled: cycles "
                        + "stop while the VM is failed over"));
        FailoverWhatIfs.state(draft, itemId, "failoverState None -> FailedOverPendingCommit (activeLocation Primary); "
                + "allowed then: Commit, ChangeRecoveryPoint, CancelFailover");
        return draft.basis(planned ? PLANNED_BASIS : FailoverWhatIfs.IMPORT_BASIS).build();
    }

    /**
     * Planned: shut the source down, sync what changed since the last point, take the final point.
     *
     * @return per disk, what the final sync is expected to write; null when no cycle has measured the disks
     */
    private List<Long> finalSync(WhatIfDraft draft, String itemId, FailoverSource item, FailoverPlan plan,
            String jobId) {
        Optional<VmInfo> source = vms.find(item.vmId());
        if (source.isEmpty()) {
            draft.check(WhatIf.Check.refused("source-vm-found",
                    DeallocateSourceVm.sourceVmNotFound(item.vmId())));
            return null;
        }
        Optional<ChangeRates.Rate> rate = items.get(itemId).map(i -> i.origin().protectedAt())
                .flatMap(protectedAt -> rates.last(item.vmId(), protectedAt));
        List<Long> expected = new ArrayList<>();
        draft.modify(item.vmId(), "Deallocated (shut down; was " + source.get().powerState() + ") before the final "
                + "sync, so nothing written before the shutdown is lost");
        ResourceId vm = ResourceId.parse(item.vmId());
        for (int i = 0; i < item.replicas().size(); i++) {
            Outputs.Replica replica = item.replicas().get(i);
            String blob = FailoverWhatIfs.replicaId(plan.account(), replica);
            ResourceId disk = ResourceId.parse(replica.sourceDiskId());
            draft.create("/subscriptions/" + disk.subscriptionId() + "/resourceGroups/"
                    + ResourceId.callerCasing(disk.resourceGroup(), vm.resourceGroup())
                    + "/providers/Microsoft.Compute/snapshots/" + SnapshotSourceDisks.name(jobId, i), "Incremental "
                    + "snapshot of " + replica.sourceDiskId() + " after the shutdown, read by the final sync");
            draft.modify(blob, "Replica: the final sync writes the changed ranges, then it is snapshotted as the "
                    + "final recovery point");
            long size = disks.find(replica.sourceDiskId()).map(DiskInfo::sizeBytes).orElse(0L);
            Long likely = rate.flatMap(r -> r.bytesIn(replica.sourceDiskId(),
                    Duration.between(r.capturedAt(), clock.instant()))).map(b -> Math.min(b, size)).orElse(null);
            expected.add(likely);
            draft.move(new WhatIf.DiskTransfer(replica.sourceDiskId(), null, size, CopyChangedRanges.NAME,
                    replica.sourceDiskId(), blob, null, likely));
        }
        return expected.contains(null) ? null : expected;
    }
}

package io.reprotect.softdelete;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.job.DerivedIds;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RetentionSetting;
import io.reprotect.protection.SoftDeleteConfig;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.KeepDeletedData;
import io.reprotect.softdelete.DeletedItemRefusedException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What callers may do with deleted recovery data, each in one method (the API's endpoints call one each): list,
 * undelete, purge, and change the retention period. Every refusal changes nothing.
 */
@ApplicationScoped
public class SoftDeletes {

    private final DeletedItemStore deleted;
    private final ProtectedItemStore items;
    private final VirtualMachines vms;
    private final CycleScheduler cycles;
    private final JobService jobs;
    private final RetentionSetting retention;
    private final Clock clock;

    public SoftDeletes(DeletedItemStore deleted, ProtectedItemStore items, VirtualMachines vms, CycleScheduler cycles,
            JobService jobs, RetentionSetting retention, Clock clock) {
        this.deleted = deleted;
        this.items = items;
        this.vms = vms;
        this.cycles = cycles;
        this.jobs = jobs;
        this.retention = retention;
        this.clock = clock;
    }

    /** Every deleted item, oldest first; {@code includeEnded} adds those purged or undeleted (the trail). */
    public List<DeletedItem> list(boolean includeEnded) {
        return deleted.list().stream().filter(r -> includeEnded || r.state() == DeletedItem.State.KEPT
                || r.state() == DeletedItem.State.PURGING).toList();
    }

    public Optional<DeletedItem> get(String id) {
        return deleted.get(id);
    }

    /**
     * Restores a protection that disable protection took out of view: the item comes back Protected with its
     * replicas, recovery points and source snapshots, and its next cycle is due now (it copies what changed
     * since the last one). The record is marked Undeleted (If-Match) before the item is written, so a purge
     * cannot start meanwhile; if the item cannot be written, the record is kept again.
     *
     * @return the item restored; empty when there is no such deleted item
     * @throws DeletedItemRefusedException it is not kept, it came from a commit, the VM is gone, or another item
     *         protects the VM
     */
    public Optional<ProtectedItem> undelete(String id) {
        Optional<DeletedItem> found = deleted.get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeletedItem record = found.get();
        requireKept(record);
        if (record.deletedBy() == DeletedItem.DeletedBy.COMMIT) {
            throw new DeletedItemRefusedException(Reason.NOT_RESTORABLE, "Deleted item " + id + " was kept by the "
                    + "commit of a failover (job " + record.jobId() + "): the VM now runs on the other side, so "
                    + "protection in the old direction cannot come back. Reprotect the VM (POST /api/reprotect) to "
                    + "protect it again; the kept replicas and recovery points stay listed until " + record.expiresAt()
                    + " and are purged then.");
        }
        if (!vms.exists(record.vmId())) {
            throw new DeletedItemRefusedException(Reason.NOT_RESTORABLE, "Deleted item " + id + " protected VM "
                    + record.vmId() + ", which no longer exists: there is nothing to replicate from. The data is "
                    + "kept until " + record.expiresAt() + ".");
        }
        Optional<ProtectedItem> current = items.findByVm(record.vmId()).or(() -> items.get(record.itemId()));
        if (current.isPresent()) {
            throw new DeletedItemRefusedException(Reason.NOT_RESTORABLE, "VM " + record.vmId() + " is protected "
                    + "again (protected item " + current.get().id() + ", " + current.get().lifecycle().describe()
                    + "); undelete would replace that protection. Disable it first, or purge this deleted item "
                    + "after " + record.expiresAt() + ".");
        }
        Instant now = clock.instant();
        deleted.change(id, r -> {
            requireKept(r);
            return r.withState(DeletedItem.State.UNDELETED, null, now);
        });
        ProtectedItem restored = restored(record.item(), record.jobId(), now);
        if (!items.create(restored)) {
            deleted.change(id, r -> r.withState(DeletedItem.State.KEPT, null, now));
            throw new DeletedItemRefusedException(Reason.NOT_RESTORABLE, "A protected item for VM " + record.vmId()
                    + " was written meanwhile; deleted item " + id + " is kept as it was.");
        }
        items.putAlias(restored.vmId(), restored.id());
        if (restored.failoverVmId() != null) {
            items.putAlias(restored.failoverVmId(), restored.id());
        }
        cycles.scheduleFirst(restored, restored.cycle().lastCycle(), now);
        return Optional.of(restored);
    }

    /**
     * Starts the purge of a deleted item whose retention period has passed (a job: {@code purge-deleted-item});
     * the job checks again at run time. A purge already running is returned as it is; one that failed part-way is
     * resumed from its failed stage (its stages are idempotent).
     *
     * @return the purge job; empty when there is no such deleted item
     * @throws DeletedItemRefusedException before its expiry (naming it), or when it is no longer kept
     */
    public Optional<Job> purge(String id) {
        Optional<DeletedItem> found = deleted.get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeletedItem record = found.get();
        if (record.state() == DeletedItem.State.PURGING) {
            // a purge that failed part-way (a lock someone else put, an outage) resumes from its failed stage
            return jobs.get(record.purgeJobId()).map(job -> job.state() == JobState.Failed
                    ? jobs.resume(job.id()).orElse(job) : job).or(() -> Optional.of(submitPurge(record)));
        }
        requirePurgeable(record);
        return Optional.of(submitPurge(record));
    }

    /**
     * Returns when a purge of {@code record} may start (or resume) now; otherwise throws the refusal it would meet,
     * so that the two-person rule refuses before it asks anybody to approve.
     *
     * @throws DeletedItemRefusedException it is no longer kept, or its retention has not passed
     */
    public void requirePurgeable(DeletedItem record) {
        if (record.state() == DeletedItem.State.PURGING) {
            return;
        }
        requireKept(record);
        if (!record.expired(clock.instant())) {
            throw new DeletedItemRefusedException(Reason.NOT_EXPIRED, "Deleted item " + record.id() + " is kept until "
                    + record.expiresAt() + "; it may be purged from then on (nothing was deleted). Undelete it to "
                    + "protect the VM again (POST /api/deleted-items/" + record.id() + "/undelete).");
        }
    }

    /**
     * Stores the retention period for deletions from now on (items already deleted keep their expiry).
     *
     * @throws DeletedItemRefusedException below {@link SoftDeleteConfig#MIN_RETENTION_DAYS}; nothing is stored
     */
    public int changeRetention(int days) {
        if (days < SoftDeleteConfig.MIN_RETENTION_DAYS) {
            throw new DeletedItemRefusedException(Reason.INVALID_RETENTION, "retentionDays is " + days + ": it must "
                    + "be at least " + SoftDeleteConfig.MIN_RETENTION_DAYS + " (day). The period stays "
                    + retention.days() + " day(s).");
        }
        retention.change(days);
        return days;
    }

    public int retentionDays() {
        return retention.days();
    }

    /** The purge job of the record as kept now (a record kept again after an undelete gets a new one). */
    public static String purgeJobId(DeletedItem record) {
        return DerivedIds.of(record.id() + ":purge:" + record.deletedAt());
    }

    /**
     * The purge job works on the deleted item, not on the VM (which may be protected again meanwhile): it holds
     * this key instead of the VM's id.
     */
    public static String purgeHolder(DeletedItem record) {
        return record.vmId() + "/deletedItems/" + record.id();
    }

    Job submitPurge(DeletedItem record) {
        return jobs.submit(new JobSpec(purgeJobId(record), Workflows.PURGE_DELETED_ITEM, purgeHolder(record), null,
                Output.map(KeepDeletedData.DELETED_ITEM_ID.of(record.id())), null));
    }

    private static void requireKept(DeletedItem record) {
        if (record.state() != DeletedItem.State.KEPT) {
            throw new DeletedItemRefusedException(Reason.NOT_KEPT, "Deleted item " + record.id() + " is "
                    + record.state().wireName() + (record.purgeJobId() == null ? "" : " (purge job "
                    + record.purgeJobId() + ")") + "; nothing was changed.");
        }
    }

    /** The item as disable left it, Protected again with its next cycle due at {@code now}. */
    private ProtectedItem restored(ProtectedItem item, String disableJobId, Instant now) {
        ProtectedItem.CycleStatus c = item.cycle() == null ? ProtectedItem.CycleStatus.none() : item.cycle();
        long next = c.lastCycle() + 1;
        String nextId = cycles.cycleId(item, next);
        return item.withLifecycle(Lifecycle.protectedNow(disableJobId)).withHealthErrors(List.of())
                .withCycle(new ProtectedItem.CycleStatus(next, nextId, now, c.lastSuccessfulCycleTime(),
                        c.lastRpoSeconds(), c.lastRpoCalculatedTime()));
    }
}

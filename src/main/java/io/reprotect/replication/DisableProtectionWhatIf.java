package io.reprotect.replication;

import io.reprotect.pipeline.JobService;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.Operation;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RetentionSetting;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The what-if of disabling protection: the item leaves the list ({@link RemoveProtectedItem}) and what protection
 * created is kept as a deleted item until its retention period ends; the VM keeps running, unprotected.
 */
@ApplicationScoped
public class DisableProtectionWhatIf {

    private final ProtectedItemStore items;
    private final JobService jobs;
    private final RetentionSetting retention;
    private final ItemLifecycle lifecycle;

    public DisableProtectionWhatIf(ProtectedItemStore items, JobService jobs,
            RetentionSetting retention, ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.items = items;
        this.jobs = jobs;
        this.retention = retention;
    }

    /** @return empty when there is no such item (the call answers 404) */
    public Optional<WhatIf> evaluate(String itemId) {
        return lifecycle.get(itemId).map(this::evaluate);
    }

    private WhatIf evaluate(ProtectedItem item) {
        WhatIfDraft draft = new WhatIfDraft("disable-protection", item.vmId());
        draft.check("operation-allowed", () -> {
            try {
                LifecycleTable.requireAllowed(item.lifecycle(),
                        Operation.DISABLE_PROTECTION, item.id());
                return true;
            } catch (OperationNotAllowedException e) {
                throw WhatIfDraft.RefusedException.notAllowed(e);
            }
        });
        if (draft.refused()) {
            return draft.build();
        }
        String waiting = item.cycle() == null ? null : item.cycle().nextCycleJobId();
        draft.check("vm-not-busy", () -> {
            jobs.requireVmFree(item.vmId(), waiting); // the call cancels the waiting cycle first, as here
            return true;
        });
        if (draft.refused()) {
            return draft.build();
        }
        if (waiting != null) {
            draft.modify("/api/jobs/" + waiting, "The replication cycle waiting for its turn is cancelled");
        }
        keptAsDeleted(draft, item);
        draft.delete("/api/protected-items/" + item.id(), "The protected item leaves the list: cycles stop; its "
                + "replicas and recovery points are kept as a deleted item");
        draft.noChange(item.vmId(), "Keeps running, no longer replicated");
        return draft.build();
    }

    /**
     * What disable protection and commit keep as a deleted item (both run {@code keep-deleted-data}): source
     * snapshots, replicas with their recovery points and the storage accounts stay, listed with the retention in
     * force; a purge deletes what the engine created once it has passed.
     */
    public void keptAsDeleted(WhatIfDraft draft, ProtectedItem item) {
        int days = retention.days();
        draft.create("/api/deleted-items/" + DeletedItem.idOf(item), "Deleted item: lists "
                + "what is kept and its expiry (" + days + " day(s)); undelete restores protection, a purge after "
                + "expiry deletes what the engine created");
        for (String line : KeepDeletedData.kept(item)) {
            int colon = line.indexOf(": ");
            draft.noChange(line.substring(0, colon), "Kept for " + days + " day(s) as deleted recovery data ("
                    + line.substring(colon + 2) + ")");
        }
    }
}

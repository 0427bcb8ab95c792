package io.reprotect.failover;

import io.reprotect.job.JobError;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.DisableProtectionWhatIf;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The what-if of committing a failover: replication's leftovers are deleted (as disabling protection deletes
 * them); the failed-over VM, its disks and NICs stay as they are.
 */
@ApplicationScoped
public class CommitFailoverWhatIf {

    private final FailoverWhatIfs parts;
    private final ProtectedItemStore items;
    private final DisableProtectionWhatIf removals;

    public CommitFailoverWhatIf(FailoverWhatIfs parts, ProtectedItemStore items, DisableProtectionWhatIf removals) {
        this.parts = parts;
        this.items = items;
        this.removals = removals;
    }

    public WhatIf evaluate(String itemId, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        Optional<WhatIf> repeat = parts.repeat("commit-failover", item,
                FailoverWhatIfs.jobId("commit", itemId, idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft("commit-failover", item.vmId());
        Lifecycle status = parts.allowed(draft, itemId, Operation.COMMIT);
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        String vm = parts.vmOf(status.failoverJobId());
        if (vm == null || parts.vmMissing(vm, status.failoverJobId())) {
            draft.check(WhatIf.Check.refused("failover-vm-exists", JobError.of("FailoverVmMissing",
                    "The failed-over VM " + vm + " that the commit would keep was not found; commit would take "
                            + "every recovery point out of use (kept only until the soft-delete period ends) and "
                            + "leave no VM, so it is refused.",
                    "The VM was deleted, moved or replaced after the failover.",
                    "Change the recovery point (creates the VM again) or cancel the failover.")));
            return draft.build();
        }
        draft.noChange(vm, "The failed-over VM keeps running; after commit it can no longer be cancelled");
        items.get(itemId).ifPresent(protectedItem -> removals.keptAsDeleted(draft, protectedItem));
        FailoverWhatIfs.state(draft, itemId, "lifecycle state " + status.status() + " -> CommitInProgress (only the "
                + "commit may be retried if it fails) -> FailoverCommitted; allowed then: Reprotect, DisableProtection");
        return draft.build();
    }
}

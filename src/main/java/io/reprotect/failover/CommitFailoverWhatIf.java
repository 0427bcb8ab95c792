package io.reprotect.failover;

import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.DisableProtectionWhatIf;
import io.reprotect.stage.WhatIf;
import io.reprotect.stage.WhatIfDraft;
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
        FailoverStatus status = parts.allowed(draft, itemId, FailoverStatus.Operation.COMMIT);
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        String vm = parts.vmOf(status.failoverJobId());
        if (vm != null) {
            draft.noChange(vm, "The failed-over VM keeps running; after commit it can no longer be cancelled");
        }
        items.get(itemId).ifPresent(protectedItem -> removals.replicationRemovals(draft, protectedItem));
        FailoverWhatIfs.state(draft, itemId, "failoverState FailedOverPendingCommit -> FailoverCommitted; allowed "
                + "then: Reprotect");
        return draft.build();
    }
}

package io.reprotect.failover;

import io.reprotect.stage.WhatIf;
import io.reprotect.stage.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The what-if of committing a failover: only the item's state changes; the failed-over VM stays as it is. */
@ApplicationScoped
public class CommitFailoverWhatIf {

    private final FailoverWhatIfs parts;

    public CommitFailoverWhatIf(FailoverWhatIfs parts) {
        this.parts = parts;
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
        FailoverWhatIfs.state(draft, itemId, "failoverState FailedOverPendingCommit -> FailoverCommitted; allowed "
                + "then: Reprotect");
        return draft.build();
    }
}

package io.reprotect.failover;

import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The what-if of cancelling a failover: what the failover created, deleted; a planned one's source started. */
@ApplicationScoped
public class CancelFailoverWhatIf {

    private final FailoverWhatIfs parts;

    public CancelFailoverWhatIf(FailoverWhatIfs parts) {
        this.parts = parts;
    }

    public WhatIf evaluate(String itemId, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        Optional<WhatIf> repeat = parts.repeat("cancel-failover", item,
                FailoverWhatIfs.jobId("cancel", itemId, idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft("cancel-failover", item.vmId());
        Lifecycle status = parts.allowed(draft, itemId,
                Operation.CANCEL_FAILOVER);
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        parts.sourceRestart(draft, item.vmId());
        parts.removeStage(draft, status.failoverJobIds(), "Failed-over");
        FailoverWhatIfs.state(draft, itemId, "lifecycle state " + status.status() + " -> CancelFailoverInProgress -> "
                + "Protected; replication resumes");
        return draft.build();
    }
}

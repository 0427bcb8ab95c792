package io.reprotect.failover;

import io.reprotect.stage.WhatIf;
import io.reprotect.stage.WhatIfDraft;
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
        FailoverStatus status = parts.allowed(draft, itemId, FailoverStatus.Operation.CANCEL_FAILOVER);
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        parts.removeStage(draft, FailoverService.cancelled(status), "Failed-over");
        if (FailoverPlan.PLANNED.equals(status.failoverType())) {
            draft.modify(item.vmId(), "Started again in the secondary region (restart-source-vm)");
        }
        FailoverWhatIfs.state(draft, itemId, "failoverState " + status.failoverState() + " -> None (activeLocation "
                + "Recovery)");
        return draft.build();
    }
}

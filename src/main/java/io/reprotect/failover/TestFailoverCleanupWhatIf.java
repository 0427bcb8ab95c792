package io.reprotect.failover;

import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The what-if of a test failover cleanup: exactly what the drill recorded, deleted. */
@ApplicationScoped
public class TestFailoverCleanupWhatIf {

    private final FailoverWhatIfs parts;

    public TestFailoverCleanupWhatIf(FailoverWhatIfs parts) {
        this.parts = parts;
    }

    public WhatIf evaluate(String itemId, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        Optional<WhatIf> repeat = parts.repeat("test-failover-cleanup", item,
                FailoverWhatIfs.jobId("cleanup", itemId, idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft("test-failover-cleanup", item.vmId());
        Lifecycle status = parts.allowed(draft, itemId,
                Operation.TEST_FAILOVER_CLEANUP);
        parts.vmFree(draft, itemId, item, true);
        if (draft.refused()) {
            return draft.build();
        }
        parts.removeStage(draft, java.util.List.of(status.drillJobId()), "Drill");
        FailoverWhatIfs.state(draft, itemId, "testFailoverState WaitingForCleanup -> None; TestFailover allowed again");
        return draft.build();
    }
}

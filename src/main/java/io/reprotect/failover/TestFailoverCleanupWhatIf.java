package io.reprotect.failover;

import io.reprotect.stage.WhatIf;
import io.reprotect.stage.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;

/** The what-if of a test failover cleanup: exactly what the drill recorded, deleted. */
@ApplicationScoped
public class TestFailoverCleanupWhatIf {

    private final FailoverWhatIfs parts;

    public TestFailoverCleanupWhatIf(FailoverWhatIfs parts) {
        this.parts = parts;
    }

    public WhatIf evaluate(String itemId) {
        FailoverSource item = parts.item(itemId);
        WhatIfDraft draft = new WhatIfDraft("test-failover-cleanup", item.vmId());
        FailoverStatus status = parts.allowed(draft, itemId, FailoverStatus.Operation.TEST_FAILOVER_CLEANUP);
        parts.vmFree(draft, itemId, item, true);
        if (draft.refused()) {
            return draft.build();
        }
        parts.removeStage(draft, status.testFailoverJobId(), "Drill");
        FailoverWhatIfs.state(draft, itemId, "testFailoverState WaitingForCleanup -> None; TestFailover allowed again");
        return draft.build();
    }
}

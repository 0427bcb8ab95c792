package io.reprotect.replication;

import io.reprotect.failover.FailoverStatusStore;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Last stage of disabling protection: deletes the protected item and its failover status. The VM is
 * then unprotected and may be reprotected again.
 *
 * <p>Idempotency: deleting an item that is gone succeeds.
 */
@ApplicationScoped
public class RemoveProtectedItem implements StageHandler {

    public static final String NAME = "remove-protected-item";

    private final ProtectedItemStore items;
    private final FailoverStatusStore failoverStatuses;

    public RemoveProtectedItem(ProtectedItemStore items, FailoverStatusStore failoverStatuses) {
        this.items = items;
        this.failoverStatuses = failoverStatuses;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.output(RemoveReplication.ITEM_ID, String.class).orElseThrow();
        // the failover status goes first: a VM protected again (same item id) starts with none
        failoverStatuses.delete(itemId);
        items.delete(itemId);
        return Outcome.next(Map.of("protectionState", StageContext.json("NotProtected")));
    }
}

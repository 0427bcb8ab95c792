package io.reprotect.replication;

import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Last stage of disabling protection: deletes the protected item. The VM is then unprotected and
 * may be reprotected again.
 *
 * <p>Idempotency: deleting an item that is gone succeeds.
 */
@ApplicationScoped
public class RemoveProtectedItem implements StageHandler {

    public static final String NAME = "remove-protected-item";

    private final ProtectedItemStore items;

    public RemoveProtectedItem(ProtectedItemStore items) {
        this.items = items;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        items.delete(context.output(RemoveReplication.ITEM_ID, String.class).orElseThrow());
        return Outcome.next(Map.of("protectionState", StageContext.json("NotProtected")));
    }
}

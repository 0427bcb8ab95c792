package io.reprotect.replication;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Last stage of disabling protection: deletes the protected item, only while its lifecycle still runs this
 * job (If-Match on the version checked). The VM is then unprotected and may be reprotected again.
 *
 * <p>Idempotency: deleting an item that is gone succeeds.
 */
@ApplicationScoped
public class RemoveProtectedItem extends NamedStage {

    public static final String NAME = "remove-protected-item";

    private final ProtectedItemStore items;

    public RemoveProtectedItem(ProtectedItemStore items) {
        super(NAME);
        this.items = items;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.require(RemoveReplication.ITEM_ID);
        String jobId = context.job().id();
        if (!items.deleteIf(itemId, item -> item.lifecycle().runs(jobId))) {
            return Outcome.fail(JobError.of("StaleJob", "Job " + jobId + " no longer runs on protected item " + itemId
                    + "; the item was left as it is.", "Another operation moved the item on.",
                    "Read the item (GET /api/protected-items/" + itemId + ")."));
        }
        return Outcome.next(Outputs.PROTECTION_STATE.of("NotProtected"));
    }
}

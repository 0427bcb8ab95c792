package io.reprotect.softdelete;

import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.replication.KeepDeletedData;
import io.reprotect.replication.Purging;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * Last stage of a purge: marks the deleted item {@code Purged}; the record stays as the trail of what was deleted.
 *
 * <p>Idempotency: a rerun finds it purged and writes nothing.
 */
@ApplicationScoped
public class MarkPurged extends NamedStage {

    public static final String NAME = "mark-purged";
    /** Job output: the deleted item's state once purged. */
    static final OutputKey<String> DELETED_ITEM_STATE = OutputKey.named("deletedItemState", String.class);

    private final DeletedItemStore deleted;
    private final Purging purging;
    private final Clock clock;

    public MarkPurged(DeletedItemStore deleted, Purging purging, Clock clock) {
        super(NAME);
        this.deleted = deleted;
        this.purging = purging;
        this.clock = clock;
    }

    @Override
    public Outcome execute(StageContext context) {
        String id = context.require(KeepDeletedData.DELETED_ITEM_ID);
        if (deleted.get(id).map(r -> r.state() == DeletedItem.State.PURGED).orElse(false)) {
            return Outcome.skipped(Map.of());
        }
        purging.require(context);
        deleted.change(id, r -> r.withState(DeletedItem.State.PURGED, r.purgeJobId(), clock.instant()));
        return Outcome.next(DELETED_ITEM_STATE.of(DeletedItem.State.PURGED.wireName()));
    }
}

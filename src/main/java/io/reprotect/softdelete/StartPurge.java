package io.reprotect.softdelete;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.replication.KeepDeletedData;
import io.reprotect.replication.Purging;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * First stage of a purge: checks again, at run time, that the deleted item is kept and its retention has passed,
 * and writes {@code Purging} with this job (If-Match) before any later stage deletes anything.
 *
 * <p>Idempotency: a rerun finds the item purging by this job and writes nothing; a purged item is skipped.
 */
@ApplicationScoped
public class StartPurge extends NamedStage {

    public static final String NAME = "start-purge";
    /** Job output: what the purge deletes, one line each (the deleted item's {@code kept}). */
    static final OutputKey<List<String>> PURGING = OutputKey.listOf("purging", String.class);

    private final DeletedItemStore deleted;
    private final Clock clock;

    public StartPurge(DeletedItemStore deleted, Clock clock) {
        super(NAME);
        this.deleted = deleted;
        this.clock = clock;
    }

    @Override
    public Outcome execute(StageContext context) {
        String id = context.require(KeepDeletedData.DELETED_ITEM_ID);
        String jobId = context.job().id();
        DeletedItem written = deleted.change(id, r -> {
            if (r.state() == DeletedItem.State.PURGING && jobId.equals(r.purgeJobId())
                    || r.state() == DeletedItem.State.PURGED) {
                return r;
            }
            if (r.state() != DeletedItem.State.KEPT) {
                throw new PermanentStageException(JobError.of("NotKept", "Deleted item " + id + " is "
                        + r.state().wireName() + "; nothing was deleted.", "An undelete or another purge moved it on.",
                        "Read it (GET /api/deleted-items/" + id + ")."));
            }
            if (!r.expired(clock.instant())) {
                throw new PermanentStageException(Purging.notExpired(r));
            }
            return r.withState(DeletedItem.State.PURGING, jobId, clock.instant());
        }).orElseThrow(() -> new PermanentStageException(JobError.of("DeletedItemNotFound", "Deleted item " + id
                + " does not exist; nothing was deleted.", "It was never recorded.", "List them (GET /api/deleted-items).")));
        if (written.state() == DeletedItem.State.PURGED) {
            return Outcome.skipped(Map.of());
        }
        return Outcome.next(PURGING.of(written.kept()));
    }
}

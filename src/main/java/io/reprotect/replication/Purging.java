package io.reprotect.replication;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The run-time check every destroying stage of a purge makes first: the deleted item is still {@code Purging} by
 * this job and its retention has passed. A stale or early purge stops before it deletes anything.
 */
@ApplicationScoped
public class Purging {

    private final DeletedItemStore deleted;
    private final Clock clock;

    public Purging(DeletedItemStore deleted, Clock clock) {
        this.deleted = deleted;
        this.clock = clock;
    }

    /**
     * The deleted item the purge job of {@code context} deletes now.
     *
     * @throws PermanentStageException it is gone, not purging by this job, or not yet expired
     */
    public DeletedItem require(StageContext context) {
        String id = context.require(KeepDeletedData.DELETED_ITEM_ID);
        String jobId = context.job().id();
        DeletedItem record = deleted.get(id).orElseThrow(() -> stale(id, jobId, "the deleted item is gone"));
        if (record.state() != DeletedItem.State.PURGING || !jobId.equals(record.purgeJobId())) {
            throw stale(id, jobId, "it is " + record.state().wireName()
                    + (record.purgeJobId() == null ? "" : " (purge job " + record.purgeJobId() + ")"));
        }
        if (!record.expired(clock.instant())) {
            throw new PermanentStageException(notExpired(record));
        }
        return record;
    }

    public static JobError notExpired(DeletedItem record) {
        return JobError.of("NotExpired", "Deleted item " + record.id() + " is kept until " + record.expiresAt()
                + "; nothing was deleted.", "Deleted recovery data may be purged only after its retention period.",
                "Wait until " + record.expiresAt() + ", or undelete it (POST /api/deleted-items/" + record.id()
                        + "/undelete).");
    }

    private static PermanentStageException stale(String id, String jobId, String why) {
        return new PermanentStageException(JobError.of("StalePurge", "Purge job " + jobId + " no longer purges "
                + "deleted item " + id + " (" + why + "); nothing was deleted.",
                "Another operation (an undelete, or another purge) moved the deleted item on.",
                "Read it (GET /api/deleted-items/" + id + ")."));
    }
}

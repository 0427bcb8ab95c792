package io.reprotect.softdelete;

import io.reprotect.job.Redaction;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.watchdog.OverdueCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Purges deleted items whose retention period has passed: on every watchdog tick, each kept item past its expiry
 * gets its purge job ({@code purge-deleted-item}, visible in the job list), which checks the expiry again and only
 * then deletes. Cheap when nothing was deleted (one listing of an empty prefix).
 *
 * <p>Idempotent: the purge job's id is the deleted item's ({@link SoftDeletes#purgeJobId}), so two ticks, or two
 * instances, start one job.
 */
@ApplicationScoped
public class ExpiredDeletedItems implements OverdueCheck {

    private static final Logger LOG = Logger.getLogger(ExpiredDeletedItems.class);

    private final DeletedItemStore deleted;
    private final SoftDeletes softDeletes;

    public ExpiredDeletedItems(DeletedItemStore deleted, SoftDeletes softDeletes) {
        this.deleted = deleted;
        this.softDeletes = softDeletes;
    }

    @Override
    public String name() {
        return "expired-deleted-items";
    }

    @Override
    public int healOverdue(Instant now) {
        int started = 0;
        for (DeletedItem record : deleted.list()) {
            if (record.state() == DeletedItem.State.KEPT && record.expired(now)) {
                try {
                    softDeletes.submitPurge(record);
                    started++;
                } catch (RuntimeException e) {
                    LOG.warnf("purge of deleted item %s (expired %s) did not start: %s; the next tick tries again",
                            record.id(), record.expiresAt(), Redaction.redact(String.valueOf(e.getMessage())));
                }
            }
        }
        return started;
    }
}

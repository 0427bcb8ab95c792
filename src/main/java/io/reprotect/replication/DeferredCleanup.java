package io.reprotect.replication;

import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.job.Redaction;
import io.reprotect.protection.DeferredDeletions;
import io.reprotect.watchdog.OverdueCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes what commit or disable deferred because its region did not answer ({@link DeferredDeletions}): on every
 * watchdog tick, each entry is tried again and forgotten once it is gone. Cheap when nothing is deferred (one
 * listing of an empty prefix).
 *
 * <p>Idempotent: a delete of what is gone succeeds; two ticks at once delete once and forget the entry once.
 */
@ApplicationScoped
public class DeferredCleanup implements OverdueCheck {

    private static final Logger LOG = Logger.getLogger(DeferredCleanup.class);
    private static final String COLLECTION_SUFFIX = "(?i).*/restorepointcollections/[^/]+$";

    private final DeferredDeletions deferred;
    private final DiskAccess access;
    private final Snapshots snapshots;
    private final RestorePoints restorePoints;

    public DeferredCleanup(DeferredDeletions deferred, DiskAccess access, Snapshots snapshots,
                           RestorePoints restorePoints) {
        this.deferred = deferred;
        this.access = access;
        this.snapshots = snapshots;
        this.restorePoints = restorePoints;
    }

    @Override
    public String name() {
        return "deferred-deletions";
    }

    @Override
    public int healOverdue(Instant now) {
        int deleted = 0;
        for (String itemId : deferred.itemIds()) {
            for (DeferredDeletions.Entry entry : deferred.of(itemId)) {
                try {
                    if (entry.resourceId().matches(COLLECTION_SUFFIX)) {
                        restorePoints.deleteCollection(entry.resourceId());
                    } else {
                        SourceSnapshots.delete(access, snapshots, restorePoints, entry.resourceId());
                    }
                    deferred.done(itemId, entry.resourceId());
                    deleted++;
                } catch (RuntimeException stillFailing) {
                    LOG.debugf("deferred deletion of %s (item %s) still fails: %s", entry.resourceId(), itemId,
                            Redaction.redact(String.valueOf(stillFailing.getMessage())));
                }
            }
        }
        return deleted;
    }
}

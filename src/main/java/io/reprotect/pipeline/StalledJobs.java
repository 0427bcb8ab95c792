package io.reprotect.pipeline;

import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.watchdog.OverdueCheck;
import io.reprotect.watchdog.WatchdogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Heals jobs whose pending stage message is overdue ({@link PendingDeadline}): lost to a purge, a
 * message dead-lettered or deleted by hand, a crash of the local run, a bug.
 *
 * <p>Healing moves the job to a new pending sequence (a new message id) with If-Match, then sends
 * it: re-sending the old id would be dropped by Service Bus duplicate detection inside its window.
 * If the old message turns up after all, it is stale and changes nothing. A job whose cancel was
 * requested is ended as Cancelled instead (its cancel must not wait for a message that will never
 * come). Only jobs that hold a VM claim are read, so a tick with nothing active costs one listing.
 */
@ApplicationScoped
public class StalledJobs implements OverdueCheck {

    private static final Logger LOG = Logger.getLogger(StalledJobs.class);
    private static final int MAX_CONFLICTS = 5;

    private final JobStore store;
    private final StageQueue queue;
    private final JobTransitions transitions;
    private final Duration grace;

    @Inject
    public StalledJobs(JobStore store, StageQueue queue, PipelineConfig pipeline, WatchdogConfig config) {
        this(store, queue, pipeline, config.pendingGrace());
    }

    public StalledJobs(JobStore store, StageQueue queue, PipelineConfig pipeline, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("reprotect.watchdog.pending-grace must not be negative: " + grace);
        }
        this.store = store;
        this.queue = queue;
        this.transitions = new JobTransitions(pipeline);
        this.grace = grace;
    }

    @Override
    public String name() {
        return "stalled-jobs";
    }

    @Override
    public int healOverdue(Instant now) {
        int healed = 0;
        for (String jobId : store.claimingJobIds()) {
            try {
                if (healIfOverdue(jobId, now)) {
                    healed++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("watchdog: job %s could not be healed; next tick tries again: %s", jobId, e.toString());
            }
        }
        return healed;
    }

    private boolean healIfOverdue(String jobId, Instant now) {
        for (int conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
            Optional<Versioned<Job>> loaded = store.get(jobId);
            if (loaded.isEmpty()) {
                return false;
            }
            Job job = loaded.get().value();
            if (job.state().ended()) {
                store.releaseVm(job); // its claim outlived it (a crash between the save and the release)
                return false;
            }
            if (!PendingDeadline.isOverdue(job, now, grace)) {
                return false;
            }
            Job healed = heal(job, now);
            try {
                Versioned<Job> saved = store.update(healed, loaded.get().etag());
                LOG.warnf("watchdog: job %s waited for stage %s (message %d) since %s; %s", jobId,
                        job.pending().stage(), job.pending().sequence(), PendingDeadline.overdueAfter(job, Duration.ZERO)
                                .orElse(null), healed.state().ended() ? "cancelled as requested"
                                : "sent it again as message " + healed.pending().sequence());
                Outbox.send(queue, saved.value());
                return true;
            } catch (ConcurrentUpdateException e) {
                LOG.debugf("job %s changed while the watchdog looked at it; deciding again", jobId);
            }
        }
        return false;
    }

    /** A new pending sequence for the same stage, due now; or Cancelled if a cancel waits. */
    Job heal(Job job, Instant now) {
        if (job.cancelRequested()) {
            return transitions.cancel(job, now);
        }
        return job.withPending(job.pending().stage(), null).touched(now);
    }
}

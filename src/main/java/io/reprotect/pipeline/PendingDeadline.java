package io.reprotect.pipeline;

import io.reprotect.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a job's pending stage message counts as lost: the rule the watchdog applies, as a pure function.
 *
 * <p>A pending message is due at its scheduled time, or when the job last changed if that is later
 * (a message sent "now", or a stage that started running and saved the job). It is overdue once
 * {@code grace} has passed since then with no change to the job.
 */
public final class PendingDeadline {

    private PendingDeadline() {
    }

    /** The instant after which the job's pending message is overdue; empty when the job waits for none. */
    public static Optional<Instant> overdueAfter(Job job, Duration grace) {
        if (job.state().ended() || job.pending() == null) {
            return Optional.empty();
        }
        Instant lastChange = job.updatedAt() != null ? job.updatedAt() : job.createdAt();
        Instant due = job.pending().notBefore();
        Instant from = due == null || (lastChange != null && due.isBefore(lastChange)) ? lastChange : due;
        return Optional.ofNullable(from).map(f -> f.plus(grace));
    }

    public static boolean isOverdue(Job job, Instant now, Duration grace) {
        return overdueAfter(job, grace).map(now::isAfter).orElse(false);
    }
}

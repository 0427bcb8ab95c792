package io.reprotect.job;

import java.time.Duration;
import java.time.Instant;

/**
 * Progress of long work inside one task, such as a disk resync.
 *
 * @param done units done so far, never more than {@code total}
 * @param total units in all, known from the start where it can be (disk sizes)
 * @param unit what is counted, e.g. {@code bytes}
 * @param percent 0-100
 * @param estimatedEnd when the task should end at the current rate, or null while unknown
 * @param detail a line for people, e.g. {@code 3.2 GiB of 8 GiB compared, 120 MiB written}
 */
public record TaskProgress(long done, long total, String unit, int percent, Instant estimatedEnd, String detail) {

    public TaskProgress {
        detail = Redaction.redact(detail);
    }

    /**
     * Progress of work measured in units: {@code done} is held within {@code 0..total}; percent is
     * below 100 while the work runs (the task's end says 100); the estimated end extrapolates the
     * rate since {@code since}, and is null until some work is done.
     */
    public static TaskProgress measured(long done, long total, String unit, Instant since, Instant now, String detail) {
        long boundedTotal = Math.max(0, total);
        long boundedDone = Math.max(0, Math.min(done, boundedTotal));
        int percent = boundedTotal == 0 ? 0 : (int) Math.min(99, 100.0 * boundedDone / boundedTotal);
        return new TaskProgress(boundedDone, boundedTotal, unit, percent,
                estimatedEnd(boundedDone, boundedTotal, since, now), detail);
    }

    /** When work of {@code total} units ends if it goes on at the rate it went since {@code since}. */
    static Instant estimatedEnd(long done, long total, Instant since, Instant now) {
        long elapsedMillis = since == null ? 0 : Duration.between(since, now).toMillis();
        if (done <= 0 || elapsedMillis <= 0 || total < done) {
            return null;
        }
        double remainingMillis = (double) (total - done) * elapsedMillis / done;
        return now.plusMillis((long) Math.ceil(remainingMillis));
    }
}

package io.reprotect.job;

import java.time.Instant;

/**
 * Progress of long work inside one task, such as a disk resync.
 *
 * @param done units done so far
 * @param total units in all
 * @param unit what is counted, e.g. {@code bytes}
 * @param percent 0-100
 * @param estimatedEnd when the task should end at the current rate, or null while unknown
 * @param detail a line for people, e.g. {@code 3.2 GiB of 8 GiB compared, 120 MiB written}
 */
public record TaskProgress(long done, long total, String unit, int percent, Instant estimatedEnd, String detail) {

    public TaskProgress {
        detail = Redaction.redact(detail);
    }
}

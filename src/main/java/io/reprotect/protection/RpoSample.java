package io.reprotect.protection;

import java.time.Instant;

/**
 * The RPO a replication cycle left behind, recorded by its last stage: one point of an item's RPO history.
 *
 * @param cycle the number of the cycle that recorded it (a rerun of that stage replaces its own sample)
 * @param time when the cycle ended
 * @param rpoSeconds seconds between {@code time} and the newest recovery point's capture; null when the
 *        item had no recovery point
 * @param recoveryPointTaken whether this cycle took a recovery point (false: it ended early, e.g. on a
 *        health error)
 */
public record RpoSample(long cycle, Instant time, Long rpoSeconds, boolean recoveryPointTaken) {

    /** Samples an item keeps, newest last: 24 hours of cycles at the policy's shortest frequency (5 minutes). */
    public static final int MAX_SAMPLES = 288;
}

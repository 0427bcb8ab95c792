package io.reprotect.sync;

import java.time.Duration;

/**
 * How much one slice may do. The engine stops starting chunks once either limit is reached and
 * finishes the chunks in flight, so a slice may overrun by up to parallelism chunks. Every slice
 * does at least one chunk, so syncing always progresses.
 *
 * @param maxBytes    allocated bytes (either side) to examine in one slice
 * @param maxWallTime time after which no new chunk is started
 */
public record SliceLimits(long maxBytes, Duration maxWallTime) {

    public SliceLimits {
        if (maxBytes <= 0 || maxWallTime == null || maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new IllegalArgumentException("A slice needs a positive byte limit and wall time, got "
                    + maxBytes + " bytes, " + maxWallTime);
        }
    }

    /** No practical limit: the whole disk in one slice. */
    public static SliceLimits unlimited() {
        return new SliceLimits(Long.MAX_VALUE, Duration.ofDays(365));
    }
}

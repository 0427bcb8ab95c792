package io.reprotect.local.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure's limits on incremental snapshots of one disk: at most {@link #MAX_PER_WINDOW} taken in any
 * {@link #WINDOW}, and at most {@link #MAX_PER_DISK} existing. The answers are ARM's throttling shape
 * (429 TooManyRequests with Retry-After) for the rate, and 409 OperationNotAllowed for the count;
 * the limits are Azure's documented ones, the codes are modelled, not copied from a recording.
 * Tests and the benchmark move time with {@link #useClock}.
 */
public final class IncrementalSnapshotLimits {

    /** Incremental snapshots of one disk allowed within {@link #WINDOW}. */
    public static final int MAX_PER_WINDOW = 7;
    /** The sliding window of the rate limit. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** Incremental snapshots of one disk that may exist at once. */
    public static final int MAX_PER_DISK = 500;

    private final Map<String, Deque<Instant>> taken = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    /** Replaces the clock the rate limit reads (a test clock, or one that the benchmark advances). */
    public void useClock(Clock newClock) {
        this.clock = newClock;
    }

    /** Now, on the clock the limits read: the instant a snapshot taken now captures ({@code timeCreated}). */
    Instant now() {
        return clock.instant();
    }

    /** The refusal for one more incremental snapshot of diskId, or null when it may be taken. */
    synchronized ArmResponse check(String diskId, long existing) {
        if (existing >= MAX_PER_DISK) {
            return ArmResponse.error(409, "OperationNotAllowed", "Disk " + diskId + " already has " + existing
                    + " incremental snapshots, the most allowed is " + MAX_PER_DISK + ". Delete older snapshots first.");
        }
        Deque<Instant> recent = recent(diskId, clock.instant());
        if (recent.size() >= MAX_PER_WINDOW) {
            long wait = Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW)).toSeconds());
            return ArmResponse.error(429, "TooManyRequests", "At most " + MAX_PER_WINDOW + " incremental snapshots of"
                    + " disk " + diskId + " may be taken in " + WINDOW.toMinutes() + " minutes. Retry after " + wait
                    + " seconds.").withHeader("Retry-After", String.valueOf(wait));
        }
        return null;
    }

    /** Counts one incremental snapshot of diskId taken now. */
    synchronized void taken(String diskId) {
        recent(diskId, clock.instant()).addLast(clock.instant());
    }

    private Deque<Instant> recent(String diskId, Instant now) {
        Deque<Instant> times = taken.computeIfAbsent(ArmStore.key(diskId), k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        return times;
    }
}

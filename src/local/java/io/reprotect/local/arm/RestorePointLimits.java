package io.reprotect.local.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Azure's minimum frequency of VM restore points (VM restore points support matrix): a VM's crash-consistent
 * restore points at least {@link #MIN_CRASH_CONSISTENT_INTERVAL} apart, its application-consistent ones at
 * least {@link #MIN_APP_CONSISTENT_INTERVAL} apart; "taking restore points at a frequency lower than supported
 * would result in failure". The interval runs from the previous point's creation, whether or not it still
 * exists, per VM and per consistency asked for (an omitted {@code consistencyMode} asks for
 * application-consistency). Azure does not document the error it answers: the stand-in answers 409
 * {@code OperationNotAllowed}, like its other restore point limits, with ARM's error shape. Tests and the
 * benchmark move time with {@link #useClock}.
 */
public final class RestorePointLimits {

    /** The shortest interval between two crash-consistent restore points of a VM. */
    public static final Duration MIN_CRASH_CONSISTENT_INTERVAL = Duration.ofHours(1);
    /** The shortest interval between two application-consistent restore points of a VM. */
    public static final Duration MIN_APP_CONSISTENT_INTERVAL = Duration.ofHours(3);

    private final Map<String, Instant> lastCreated = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile Clock clock = Clock.systemUTC();

    /** Replaces the clock the limits read and restore points' {@code timeCreated} come from. */
    public void useClock(Clock newClock) {
        this.clock = newClock;
    }

    /** Restore points refused for being taken too soon after the previous one, since the start. */
    public long refused() {
        return refused.get();
    }

    Instant now() {
        return clock.instant();
    }

    /** The refusal of a restore point of {@code vmId} asked as {@code crashConsistent} or not, or null. */
    synchronized ArmResponse check(String vmId, String vmName, boolean crashConsistent) {
        Instant previous = lastCreated.get(key(vmId, crashConsistent));
        Duration interval = crashConsistent ? MIN_CRASH_CONSISTENT_INTERVAL : MIN_APP_CONSISTENT_INTERVAL;
        Instant now = clock.instant();
        if (previous != null && now.isBefore(previous.plus(interval))) {
            refused.incrementAndGet();
            return ArmResponse.error(409, "OperationNotAllowed", "A " + (crashConsistent ? "crash" : "application")
                    + "-consistent restore point of VM " + vmName + " was created at " + previous + "; the minimum "
                    + "frequency of such restore points is " + interval.toHours() + " hour(s). Retry after "
                    + previous.plus(interval) + ".");
        }
        return null;
    }

    /** Counts a restore point of {@code vmId} created now. */
    synchronized void created(String vmId, boolean crashConsistent) {
        lastCreated.put(key(vmId, crashConsistent), clock.instant());
    }

    private static String key(String vmId, boolean crashConsistent) {
        return vmId.toLowerCase(Locale.ROOT) + (crashConsistent ? "|crash" : "|app");
    }
}

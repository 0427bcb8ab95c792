package io.reprotect.watchdog;

import java.time.Instant;

/**
 * One kind of thing the {@link Watchdog} looks after: something that should have happened by now
 * and did not (a stage message that never arrived, a replication cycle that did not run). Each
 * kind is a CDI bean; the watchdog runs them all on every tick.
 *
 * <p>Implementations must be cheap when nothing is active (read only what is active, never every
 * record) and idempotent: two ticks, or two app instances, healing the same item at once must
 * leave it healed once (conditional writes).
 */
public interface OverdueCheck {

    /** A short name for logs, e.g. {@code stalled-jobs}. */
    String name();

    /**
     * Finds what is overdue at {@code now} and heals it.
     *
     * @return how many items were healed
     */
    int healOverdue(Instant now);
}

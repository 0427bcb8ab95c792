package io.reprotect.replication;

import io.reprotect.job.DerivedIds;
import java.time.Duration;
import java.time.Instant;

/**
 * When a protected item's cycles are due: each item has its own slot in the interval, a deterministic
 * offset from a hash of its id modulo the frequency, so that cycles of many items protected together
 * (a bulk reprotect, a redeployment) spread over the interval instead of firing together and spending
 * Azure's throttling budgets in one burst. Cycle n+1 is due at the item's first slot at least half a
 * frequency after cycle n ends: in the steady state (a cycle shorter than half the frequency) cycles
 * are exactly one frequency apart; a long cycle or an item's first cycle waits at most 1.5 frequencies.
 */
public final class CycleSlots {

    private CycleSlots() {
    }

    /** The item's offset in the interval: the same for every process and every restart. */
    public static Duration offset(String itemId, Duration frequency) {
        long hash = DerivedIds.uuid(itemId).getLeastSignificantBits();
        return Duration.ofMillis(Math.floorMod(hash, Math.max(1, frequency.toMillis())));
    }

    /** The next cycle's due time for an item whose cycle ends {@code now}. */
    public static Instant next(String itemId, Duration frequency, Instant now) {
        long f = Math.max(1, frequency.toMillis());
        long earliest = now.toEpochMilli() + f / 2;
        long phase = offset(itemId, frequency).toMillis();
        long slot = Math.floorDiv(earliest - phase, f) * f + phase;
        return Instant.ofEpochMilli(slot < earliest ? slot + f : slot);
    }
}

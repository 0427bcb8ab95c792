package io.reprotect.local.arm;

import java.time.Duration;

/**
 * A token bucket: holds at most {@code capacity} tokens and each request takes one. It refills in one of two
 * ways. Continuously, at a rate per second: Azure Resource Manager's regional buckets (bucket size and refill
 * per second), and the disk resource provider's windows of N calls per W, modelled as a bucket of N refilled at
 * N / W. Or stepwise, {@code refill} tokens at the end of each {@code period} counted from the bucket's creation:
 * Compute's VM policies, whose documentation shows the bucket replenished once a minute (a request in the
 * fourth minute that finds the bucket empty waits for the fifth).
 */
final class TokenBucket {

    private final double capacity;
    private final double refill;
    private final long periodNanos;
    private final boolean stepwise;
    private double tokens;
    /** Continuous: when tokens were last updated. Stepwise: the start of the current period. */
    private long updatedNanos;

    /** A bucket refilled continuously at {@code refillPerSecond}, starting full. */
    TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        this(capacity, refillPerSecond, 1_000_000_000L, false, nowNanos);
    }

    /**
     * A bucket starting full, refilled by {@code refill} tokens per {@code periodNanos}: continuously, or
     * {@code stepwise} all at once at the end of each period.
     */
    TokenBucket(long capacity, double refill, long periodNanos, boolean stepwise, long nowNanos) {
        if (capacity < 1 || !(refill > 0) || periodNanos < 1) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1, refill > 0 and a period");
        }
        this.capacity = capacity;
        this.refill = refill;
        this.periodNanos = periodNanos;
        this.stepwise = stepwise;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token: the whole tokens left afterwards, or -1 when the bucket is empty (nothing taken). */
    synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return -1;
        }
        tokens -= 1;
        return (long) Math.floor(tokens);
    }

    /** Whole tokens available now, without taking one. */
    synchronized long remaining(long nowNanos) {
        refill(nowNanos);
        return (long) Math.floor(tokens);
    }

    /** Puts back a token taken for a request that another bucket then refused (Azure charges only admitted calls). */
    synchronized void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** How long until one whole token is available. */
    synchronized Duration untilNextToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        if (!stepwise) {
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * periodNanos / refill));
        }
        long periods = (long) Math.ceil((1 - tokens) / refill);
        return Duration.ofNanos(periods * periodNanos - Math.max(0, nowNanos - updatedNanos));
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        if (stepwise) {
            long periods = elapsed / periodNanos;
            tokens = Math.min(capacity, tokens + periods * refill);
            updatedNanos += periods * periodNanos;
        } else {
            tokens = Math.min(capacity, tokens + elapsed * refill / periodNanos);
            updatedNanos = Math.max(updatedNanos, nowNanos);
        }
    }
}

package io.reprotect.local.arm;

import java.time.Duration;

/**
 * A token bucket: holds at most {@code capacity} tokens, refills continuously at {@code refillPerSecond},
 * and each request takes one. This is the algorithm Azure Resource Manager's regional throttling uses
 * (bucket size and refill rate per second); Compute's per-window policies are modelled with it too, a
 * policy of N calls per window W being a bucket of N refilled at N/W.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
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

    /** Puts back a token taken for a request that another bucket then refused (ARM charges only admitted calls). */
    synchronized void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** How long until one whole token is available. */
    synchronized Duration untilNextToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano));
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
        updatedNanos = nowNanos;
    }
}

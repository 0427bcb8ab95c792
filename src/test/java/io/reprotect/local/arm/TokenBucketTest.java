package io.reprotect.local.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void emptiesThenRefillsAtItsRateUpToItsSize() {
        TokenBucket writes = new TokenBucket(200, 10, 0);
        for (int i = 199; i >= 0; i--) {
            assertEquals(i, writes.tryTake(0));
        }
        assertEquals(-1, writes.tryTake(0));
        assertEquals(Duration.ofMillis(100), writes.untilNextToken(0));
        assertEquals(0, writes.tryTake(SECOND / 10));
        assertEquals(200, writes.remaining(3600 * SECOND), "never more than the bucket size");
    }

    @Test
    void assumedWindowPolicyRefillsItsLimitOverTheWindowScaledAndCompressed() {
        ThrottlingBudgets b = ThrottlingBudgets.azure().computeScaledBy(0.5).compressedBy(60);
        ThrottlingBudgets.Policy snapshots = AssumedBudgets.SNAPSHOT_CREATE.policies().get(0);
        long size = b.computeSize(snapshots);
        assertEquals(60, size);
        // 60 calls per 3 minutes, 60 times faster: 60 calls per 3 s, one every 50 ms.
        TokenBucket bucket = new TokenBucket(size, b.computeRefill(snapshots), b.computePeriodNanos(snapshots),
                snapshots.stepwise(), 0);
        for (int i = 0; i < 60; i++) {
            bucket.tryTake(0);
        }
        assertEquals(Duration.ofMillis(50), bucket.untilNextToken(0));
    }

    /**
     * Microsoft's worked example ("Compute throttling limits"): Update VM, 12 tokens refilled by 4 each minute;
     * requests per minute 0, 8, 0, 13, 5, 0; throttled 0, 0, 0, 1, 1, 0; tokens at the start 12, 12, 8, 12, 4, 4.
     */
    @Test
    void vmPolicyRefillsOnceAMinuteAsMicrosoftsWorkedExampleShows() {
        ThrottlingBudgets b = ThrottlingBudgets.azure();
        ThrottlingBudgets.Policy update = ThrottlingBudgets.UPDATE_VM.get(1);
        assertEquals(ThrottlingBudgets.Scope.RESOURCE, update.scope());
        long minute = 60 * SECOND;
        TokenBucket bucket = new TokenBucket(b.computeSize(update), b.computeRefill(update), b.computePeriodNanos(update),
                update.stepwise(), 0);
        int[] requests = {0, 8, 0, 13, 5, 0};
        long[] startTokens = {12, 12, 8, 12, 4, 4};
        int[] throttled = new int[requests.length];
        for (int m = 0; m < requests.length; m++) {
            long at = m * minute + SECOND;
            assertEquals(startTokens[m], bucket.remaining(at), "tokens at the start of minute " + (m + 1));
            for (int i = 0; i < requests[m]; i++) {
                if (bucket.tryTake(at) < 0) {
                    throttled[m]++;
                }
            }
        }
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 0}, throttled);
        TokenBucket one = new TokenBucket(1, 4, minute, true, 0);
        one.tryTake(0);
        assertEquals(Duration.ofSeconds(59), one.untilNextToken(SECOND), "an empty bucket waits for the end of the minute");
    }
}

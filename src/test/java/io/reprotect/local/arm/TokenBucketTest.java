package io.reprotect.local.arm;

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
    void computeWindowPolicyRefillsItsLimitOverTheWindowScaledAndCompressed() {
        ThrottlingBudgets b = ThrottlingBudgets.azure().computeScaledBy(0.5).compressedBy(60);
        ThrottlingBudgets.Policy snapshots = ThrottlingBudgets.SNAPSHOT_CREATE.get(0);
        long size = b.computeSize(snapshots);
        assertEquals(60, size);
        // 60 calls per 3 minutes, 60 times faster: 60 calls per 3 s, one every 50 ms.
        TokenBucket bucket = new TokenBucket(size, b.refill(size, snapshots.window()), 0);
        for (int i = 0; i < 60; i++) {
            bucket.tryTake(0);
        }
        assertEquals(Duration.ofMillis(50), bucket.untilNextToken(0));
    }
}

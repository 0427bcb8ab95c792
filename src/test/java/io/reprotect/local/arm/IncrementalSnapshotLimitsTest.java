package io.reprotect.local.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Azure's limits on incremental snapshots of one disk, as the stand-in enforces them. */
class IncrementalSnapshotLimitsTest {

    private static final String DISK = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d";

    @Test
    void theFiveHundredAndFirstSnapshotOfADiskIsRefused() {
        IncrementalSnapshotLimits limits = new IncrementalSnapshotLimits();
        assertNull(limits.check(DISK, IncrementalSnapshotLimits.MAX_PER_DISK - 1));
        ArmResponse refused = limits.check(DISK, IncrementalSnapshotLimits.MAX_PER_DISK);
        assertEquals(409, refused.status());
        assertEquals("OperationNotAllowed", refused.body().at("/error/code").asText());
    }

    @Test
    void theRateLimitSlidesWithTheWindowAndCountsEachDiskApart() {
        IncrementalSnapshotLimits limits = new IncrementalSnapshotLimits();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        limits.useClock(Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < IncrementalSnapshotLimits.MAX_PER_WINDOW; i++) {
            assertNull(limits.check(DISK, i));
            limits.taken(DISK);
        }
        ArmResponse throttled = limits.check(DISK, 7);
        assertEquals(429, throttled.status());
        assertEquals("300", throttled.headers().get("Retry-After"));
        assertNull(limits.check(DISK + "2", 0), "another disk has its own budget");

        limits.useClock(Clock.fixed(start.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        assertNull(limits.check(DISK, 7), "five minutes later the window has slid past them");
    }
}

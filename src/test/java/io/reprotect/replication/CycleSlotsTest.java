package io.reprotect.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CycleSlotsTest {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final Instant BULK_REPROTECT = Instant.parse("2026-11-28T04:00:00Z");

    /** 100 items protected in the same second: their cycles must not fire together. */
    @Test
    void cyclesOfAHundredItemsProtectedTogetherSpreadOverTheInterval() {
        List<Long> secondsIntoInterval = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String itemId = UUID.nameUUIDFromBytes(("vm-" + i).getBytes()).toString();
            Instant due = CycleSlots.next(itemId, FIVE_MINUTES, BULK_REPROTECT);
            secondsIntoInterval.add(Math.floorMod(due.getEpochSecond(), FIVE_MINUTES.toSeconds()));
        }
        Collections.sort(secondsIntoInterval);
        int[] perMinute = new int[5];
        secondsIntoInterval.forEach(s -> perMinute[(int) (s / 60)]++);
        long busiestTenSeconds = 0;
        long largestGap = 0;
        for (int i = 0; i < secondsIntoInterval.size(); i++) {
            long start = secondsIntoInterval.get(i);
            busiestTenSeconds = Math.max(busiestTenSeconds, secondsIntoInterval.stream()
                    .filter(s -> s >= start && s < start + 10).count());
            long nextStart = i + 1 < secondsIntoInterval.size() ? secondsIntoInterval.get(i + 1)
                    : secondsIntoInterval.get(0) + FIVE_MINUTES.toSeconds();
            largestGap = Math.max(largestGap, nextStart - start);
        }
        // Evenly spread: 20 per minute, about 3.3 per 10 s, 3 s apart; all together would be 100 in one second.
        for (int minute = 0; minute < 5; minute++) {
            assertTrue(perMinute[minute] >= 10 && perMinute[minute] <= 30, "minute " + minute + ": " + perMinute[minute]);
        }
        assertTrue(busiestTenSeconds <= 10, "busiest 10 s: " + busiestTenSeconds);
        assertTrue(largestGap <= 30, "largest gap between two items' cycles: " + largestGap + " s");
    }

    @Test
    void steadyStateCyclesAreExactlyOneFrequencyApart() {
        String item = "item-a";
        Instant due = CycleSlots.next(item, FIVE_MINUTES, BULK_REPROTECT);
        Instant cycleEnded = due.plusSeconds(40);
        assertEquals(due.plus(FIVE_MINUTES), CycleSlots.next(item, FIVE_MINUTES, cycleEnded));
        assertEquals(due, CycleSlots.next(item, FIVE_MINUTES, BULK_REPROTECT), "deterministic");
    }

    @Test
    void nextCycleIsBetweenHalfAndOneAndAHalfFrequenciesAway() {
        for (int i = 0; i < 200; i++) {
            Instant now = BULK_REPROTECT.plusMillis(i * 7_919L);
            Instant due = CycleSlots.next("item-" + i, FIVE_MINUTES, now);
            Duration wait = Duration.between(now, due);
            assertTrue(wait.compareTo(FIVE_MINUTES.dividedBy(2)) >= 0 && wait.compareTo(FIVE_MINUTES.multipliedBy(3).dividedBy(2)) < 0,
                    "wait " + wait);
            assertEquals(CycleSlots.offset("item-" + i, FIVE_MINUTES).toMillis(), Math.floorMod(due.toEpochMilli(),
                    FIVE_MINUTES.toMillis()), "due on the item's own slot");
        }
    }
}

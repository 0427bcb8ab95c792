package io.reprotect.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental copy asks its page-range diffs in windows that shrink on large answers and grow on small ones. */
class AdaptiveDiffWindowsTest {

    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    static final long DISK = 64 * GIB;

    /** A diff over known changes; answers as the Blob service pages them (10,000 ranges an answer). */
    static final class KnownDiff implements SnapshotDiffs {
        final List<ByteRange> changed = new ArrayList<>();
        final List<ByteRange> windows = new ArrayList<>();

        @Override
        public Diff diff(String snapshotReadUrl, String previousSnapshotReadUrl, ByteRange window) {
            windows.add(window);
            List<ByteRange> in = PageRanges.clipNormalized(changed, window);
            return new Diff(in, List.of(), Math.max(1, (in.size() + 9_999) / 10_000));
        }
    }

    /** A sparse disk of {@link #DISK} bytes; the writer copies server side (needs no bytes) and records its writes. */
    static final class Disk implements RangeReader, PageWriter, IncrementalCopy.Replica {
        final List<ByteRange> writes = Collections.synchronizedList(new ArrayList<>());

        public long sizeBytes() {
            return DISK;
        }

        public List<ByteRange> allocatedRanges(ByteRange window) {
            return List.of();
        }

        public void read(long offset, ByteBuffer target) {
            target.position(target.limit());
        }

        public void resize(long bytes) {
        }

        public boolean needsSourceBytes() {
            return false;
        }

        public void writePages(ByteRange range, ByteBuffer sourceBytes) {
            writes.add(range);
        }

        public void clearPages(ByteRange range) {
        }
    }

    final KnownDiff diff = new KnownDiff();
    final Disk disk = new Disk();

    IncrementalCopy copy() {
        return new IncrementalCopy(diff, "new", "old", disk, disk, disk, disk, 8);
    }

    /** {@code count} 4 KiB writes spread evenly over [from, from + length). */
    void fragmented(long from, long length, int count) {
        long step = length / count / 4096 * 4096;
        for (int i = 0; i < count; i++) {
            diff.changed.add(new ByteRange(from + i * step, 4096));
        }
    }

    @Test
    void anIdleDiskIsAskedInAFewGrowingWindows() {
        IncrementalCopyCheckpoint cp = copy().runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());

        assertThat(cp.done()).isTrue();
        assertThat(diff.windows).extracting(ByteRange::length)
                .as("4 GiB first, then eight times larger after each empty answer").containsExactly(4 * GIB, 32 * GIB, 28 * GIB);
        assertThat(cp.diffCalls()).isEqualTo(3);
        assertThat(cp.writeCalls()).isZero();
        assertThat(disk.writes).as("an idle disk costs no copy work").isEmpty();
    }

    @Test
    void aLargeOrPagedAnswerHalvesTheNextWindowAndSmallAnswersGrowItBack() {
        fragmented(0, 4 * GIB, 12_000);       // the first window: two answers (NextMarker), 12,000 ranges
        fragmented(4 * GIB, 2 * GIB, 3_000);  // the next (2 GiB): 3,000 ranges, neither large nor small
        fragmented(6 * GIB, 4 * GIB, 400);    // small answers: the window doubles

        IncrementalCopyCheckpoint cp = copy().runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());

        assertThat(cp.done()).isTrue();
        assertThat(diff.windows.subList(0, 4)).extracting(ByteRange::length)
                .containsExactly(4 * GIB, 2 * GIB, 2 * GIB, 4 * GIB);
        assertThat(diff.windows).as("the windows tile the disk").extracting(ByteRange::offset)
                .isSorted().startsWith(0L);
        assertThat(diff.windows.get(diff.windows.size() - 1).end()).isEqualTo(DISK);
        assertThat(diff.windows).allMatch(w -> w.length() <= SnapshotDiffs.MAX_WINDOW_BYTES
                && w.length() >= Math.min(DiffWindows.MIN_WINDOW_BYTES, DISK - w.offset()));
        assertThat(PageRanges.subtract(diff.changed, disk.writes)).as("every changed page written").isEmpty();
        assertThat(disk.writes).allMatch(w -> w.length() <= PageBlobLimits.MAX_PUT_PAGE_BYTES);
    }

    @Test
    void aSlowAnswerShrinksTheWindowAndAQuickSmallOneGrowsIt() {
        assertThat(DiffWindows.next(4 * GIB, 10, 1, Duration.ofSeconds(6))).isEqualTo(2 * GIB);
        assertThat(DiffWindows.next(4 * GIB, 10, 1, Duration.ofMillis(200))).isEqualTo(8 * GIB);
        assertThat(DiffWindows.next(4 * GIB, 0, 1, Duration.ofMillis(200))).isEqualTo(32 * GIB);
        assertThat(DiffWindows.next(4 * GIB, 2_000, 1, Duration.ofMillis(200))).as("neither").isEqualTo(4 * GIB);
        assertThat(DiffWindows.next(DiffWindows.MIN_WINDOW_BYTES, 9_000, 1, Duration.ZERO))
                .isEqualTo(DiffWindows.MIN_WINDOW_BYTES);
        assertThat(DiffWindows.next(SnapshotDiffs.MAX_WINDOW_BYTES, 0, 1, Duration.ZERO))
                .isEqualTo(SnapshotDiffs.MAX_WINDOW_BYTES);
    }

    @Test
    void aSliceThatRunsOutOfBytesInsideAWindowResumesWhereItStoppedWithTheWindowItLearnt() {
        for (long at = 0; at < 2 * GIB; at += 8 * MIB) {
            diff.changed.add(new ByteRange(at, 4 * MIB)); // 256 writes of 4 MiB, 1 GiB in the first window
        }
        SliceLimits quarterGib = new SliceLimits(256 * MIB, Duration.ofMinutes(5));
        IncrementalCopy copy = copy();
        IncrementalCopyCheckpoint cp = copy.runSlice(IncrementalCopyCheckpoint.start(), quarterGib);

        assertThat(cp.done()).isFalse();
        assertThat(cp.nextOffset()).as("cut where the slice's bytes ran out").isEqualTo(512 * MIB);
        assertThat(cp.windowBytes()).as("the window is smaller next time").isLessThan(4 * GIB);
        int slices = 1;
        while (!cp.done()) {
            cp = copy.runSlice(cp, quarterGib);
            slices++;
        }
        assertThat(slices).isGreaterThanOrEqualTo(4);
        assertThat(PageRanges.normalize(disk.writes)).isEqualTo(PageRanges.normalize(diff.changed));
        assertThat(diff.windows.get(1).offset()).isEqualTo(512 * MIB);
        assertThat(diff.windows.get(1).length()).as("half the window that held too much").isEqualTo(2 * GIB);
    }

    @Test
    void nearbyChangesShareOneWriteOfAtMostFourMiB() {
        for (long at = 0; at < 64 * MIB; at += 64 * 1024) {
            diff.changed.add(new ByteRange(at, 4096)); // 4 KiB every 64 KiB: gaps of 60 KiB
        }
        diff.changed.add(new ByteRange(100 * MIB, 4096));
        diff.changed.add(new ByteRange(100 * MIB + 4096 + 65 * 1024, 4096)); // a gap over 64 KiB: two writes

        IncrementalCopyCheckpoint cp = copy().bridgingGapsUpTo(IncrementalCopy.DEFAULT_BRIDGED_GAP_BYTES)
                .runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());

        assertThat(disk.writes).allMatch(w -> w.length() <= PageBlobLimits.MAX_PUT_PAGE_BYTES);
        assertThat(cp.writeCalls()).as("1,024 changes in 64 MiB: 16 writes of 4 MiB, then 2").isEqualTo(16 + 2);
        assertThat(PageRanges.subtract(diff.changed, disk.writes)).as("every change written").isEmpty();
    }
}

package io.reprotect.sync;

import java.time.Duration;

/**
 * Sizes the windows in which an incremental copy asks for a page-range diff (Get Page Ranges with a previous
 * snapshot, over {@code x-ms-range}). The first window is {@link #START_WINDOW_BYTES}; after each answer the next
 * window is halved when the answer was large (more than {@link #LARGE_ANSWER_RANGES} ranges, or the service paged
 * it with a {@code NextMarker}) or slow (over {@link #SLOW_ANSWER}), and grown when it was small and quick: eight
 * times after an empty answer (an idle stretch of disk), twice after one of at most {@link #SMALL_ANSWER_RANGES}
 * ranges. Always between {@link #MIN_WINDOW_BYTES} and {@link SnapshotDiffs#MAX_WINDOW_BYTES}.
 *
 * <p>An idle 128 GiB disk is asked in 3 windows (4, 32, 92 GiB) instead of 512 fixed 256 MiB ones; a disk written
 * everywhere stays near the size whose answers hold a few thousand ranges. The window in use is part of the copy's
 * checkpoint, so a resumed copy goes on with the size it had learnt.
 */
public final class DiffWindows {

    /** The first window of a copy: 4 GiB. */
    public static final long START_WINDOW_BYTES = 4L << 30;
    /** The smallest window: 64 MiB (at most 131,072 pages, so even a fully fragmented answer is a few pages). */
    public static final long MIN_WINDOW_BYTES = 64L << 20;
    /**
     * Ranges in one answer past which the window shrinks: half of the 10,000 ranges the Blob service puts in one
     * answer before a {@code NextMarker} (service version 2020-10-02 and later).
     */
    public static final int LARGE_ANSWER_RANGES = 5_000;
    /** Ranges in one answer up to which the window grows. */
    public static final int SMALL_ANSWER_RANGES = 1_000;
    /** An answer slower than this shrinks the window (Get Page Ranges time grows with fragmentation). */
    public static final Duration SLOW_ANSWER = Duration.ofSeconds(5);
    /** An answer has to be quicker than this for the window to grow. */
    public static final Duration QUICK_ANSWER = Duration.ofSeconds(1);
    /** Growth after an empty, quick answer. */
    static final int EMPTY_GROWTH = 8;
    /** Growth after a small, quick answer. */
    static final int SMALL_GROWTH = 2;

    private DiffWindows() {
    }

    /** The window to start with: the one a checkpoint carries (0 before the first window: the start size). */
    public static long first(long checkpointed) {
        return checkpointed <= 0 ? START_WINDOW_BYTES : clamp(checkpointed);
    }

    /**
     * The window after an answer for a window of {@code windowBytes}.
     *
     * @param ranges  page and clear ranges the answer held
     * @param answers answers the service took for it (more than one: it paged with {@code NextMarker})
     * @param took    how long the answer took, all pages together
     */
    public static long next(long windowBytes, int ranges, int answers, Duration took) {
        if (answers > 1 || ranges > LARGE_ANSWER_RANGES || took.compareTo(SLOW_ANSWER) > 0) {
            return clamp(windowBytes / 2);
        }
        if (took.compareTo(QUICK_ANSWER) < 0 && ranges <= SMALL_ANSWER_RANGES) {
            long factor = ranges == 0 ? EMPTY_GROWTH : SMALL_GROWTH;
            return clamp(windowBytes > SnapshotDiffs.MAX_WINDOW_BYTES / factor ? SnapshotDiffs.MAX_WINDOW_BYTES
                    : windowBytes * factor);
        }
        return clamp(windowBytes);
    }

    /** Shrinks a window whose changes exceeded what one slice may move. */
    public static long shrunk(long windowBytes) {
        return clamp(windowBytes / 2);
    }

    private static long clamp(long bytes) {
        long pages = Math.max(MIN_WINDOW_BYTES, Math.min(SnapshotDiffs.MAX_WINDOW_BYTES, bytes))
                / PageBlobLimits.PAGE_BYTES;
        return pages * PageBlobLimits.PAGE_BYTES;
    }
}

package io.reprotect.sync;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Brings a replica that holds an older snapshot of a disk up to a newer snapshot of the same disk,
 * moving only what changed between the two: it asks {@link SnapshotDiffs} for the changed and
 * cleared ranges, window by window, writes the changed ranges with the {@link PageWriter} (server
 * side with Put Page From URL in Azure: nothing passes through the app) and clears the cleared ones.
 * Unlike {@link DeltaSyncEngine} it never reads the replica and never compares bytes.
 *
 * <p>Sliced: {@link #runSlice} does a bounded amount of work and returns a checkpoint to save and
 * pass to the next slice. Idempotent: every write puts the newer snapshot's bytes and every clear
 * clears, so a slice repeated from an older checkpoint (a crash before the save, a redelivered
 * message) changes nothing more; resuming from any saved checkpoint ends with the replica equal
 * to the newer snapshot.
 *
 * <p>Resize: when the newer snapshot is larger than the older (the disk grew), the first slice grows
 * the replica to the new size. A disk that shrank, a resize across
 * {@link IncrementalCopyCheckpoint#CHAIN_BREAKING_SIZE_BYTES}, a replica whose size is neither, and
 * a base snapshot that is gone or not of the same disk throw {@link ChainBrokenException}: fall
 * back to the delta-sync compare for this disk.
 */
public final class IncrementalCopy {

    /**
     * The default of {@code reprotect.sync.bridged-gap-bytes}: unchanged bytes between two changed ranges that one
     * write may carry along, 64 KiB. Writing them puts the newer snapshot's bytes, which equal what the replica
     * holds, so the replica reads the same with one request fewer (Put Page From URL takes at most 4 MiB). Where
     * the gap was never written on the source, the replica stores those pages as written zeros: same bytes, more
     * pages allocated (at most this much per request saved). Gaps over cleared ranges are never bridged.
     */
    public static final long DEFAULT_BRIDGED_GAP_BYTES = 64L << 10;

    /** Writes in flight at once, at most. */
    public static final int MAX_PARALLELISM = 16;

    /** The replica's size and its resize; its pages are written by the {@link PageWriter}. */
    public interface Replica {

        long sizeBytes();

        /** Grows the replica to bytes (new pages are clear). Idempotent. */
        void resize(long bytes);
    }

    private final SnapshotDiffs diffs;
    private final String snapshotUrl;
    private final String previousSnapshotUrl;
    private final RangeReader snapshot;
    private final RangeReader previousSnapshot;
    private final Replica replica;
    private final PageWriter writer;
    private final int parallelism;
    private long bridgedGapBytes;

    /**
     * @param snapshotUrl         read SAS URL of the newer snapshot (what the replica becomes)
     * @param previousSnapshotUrl read SAS URL of the older snapshot (what the replica holds now)
     * @param snapshot            the newer snapshot: its size, and its bytes when the writer needs them
     * @param previousSnapshot    the older snapshot: its size only
     * @param parallelism         writes in flight at once (1 to 16)
     */
    public IncrementalCopy(SnapshotDiffs diffs, String snapshotUrl, String previousSnapshotUrl, RangeReader snapshot,
            RangeReader previousSnapshot, Replica replica, PageWriter writer, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", was " + parallelism);
        }
        this.diffs = diffs;
        this.snapshotUrl = snapshotUrl;
        this.previousSnapshotUrl = previousSnapshotUrl;
        this.snapshot = snapshot;
        this.previousSnapshot = previousSnapshot;
        this.replica = replica;
        this.writer = writer;
        this.parallelism = parallelism;
    }

    /**
     * Lets one write carry up to {@code bytes} unchanged bytes between two changed ranges (0, the default: never;
     * see {@link #DEFAULT_BRIDGED_GAP_BYTES}). Returns this copy.
     */
    public IncrementalCopy bridgingGapsUpTo(long bytes) {
        if (bytes < 0 || bytes > PageBlobLimits.MAX_PUT_PAGE_BYTES || !PageBlobLimits.isPageAligned(bytes)) {
            throw new IllegalArgumentException("reprotect.sync.bridged-gap-bytes must be 0 to "
                    + PageBlobLimits.MAX_PUT_PAGE_BYTES + " and a multiple of 512, was " + bytes);
        }
        this.bridgedGapBytes = bytes;
        return this;
    }

    /**
     * Runs one slice from checkpoint: at least one diff window, then more while the bytes changed
     * and cleared stay below {@code limits.maxBytes()} and the time below {@code limits.maxWallTime()}.
     * Windows are sized by {@link DiffWindows}; a window holding more changes than the slice may still
     * move is cut where the slice's bytes run out, and the next slice goes on from there.
     *
     * @return the checkpoint to save; {@link IncrementalCopyCheckpoint#done()} once the replica
     *         equals the newer snapshot
     * @throws ChainBrokenException the chain cannot be followed (see the class comment)
     */
    public IncrementalCopyCheckpoint runSlice(IncrementalCopyCheckpoint checkpoint, SliceLimits limits) {
        long started = System.nanoTime();
        SyncCounters counters = new SyncCounters();
        long size = checkpoint.sizeBytes() >= 0 ? checkpoint.sizeBytes() : prepareReplica(counters);
        LongAdder changed = new LongAdder();
        LongAdder writes = new LongAdder();
        long next = checkpoint.nextOffset();
        long windowBytes = DiffWindows.first(checkpoint.windowBytes());
        long diffCalls = 0;
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "incremental-copy");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long sliceBytes = 0;
            while (next < size && (diffCalls == 0 || withinLimits(limits, sliceBytes, started))) {
                ByteRange window = ByteRange.between(next, Math.min(size, next + windowBytes));
                long askedBytes = windowBytes;
                long askedAt = System.nanoTime();
                Planned planned = plan(window, counters);
                diffCalls++;
                windowBytes = DiffWindows.next(askedBytes, planned.ranges(), planned.answers(),
                        Duration.ofNanos(System.nanoTime() - askedAt));
                List<Work> work = planned.work();
                int fits = fitting(work, limits.maxBytes() - sliceBytes);
                if (fits < work.size()) {
                    // the slice's bytes run out inside this window: do what fits, the next slice goes on from there
                    work = work.subList(0, fits);
                    window = ByteRange.between(window.offset(), planned.work().get(fits).range().offset());
                    windowBytes = DiffWindows.shrunk(askedBytes);
                }
                run(work, pool, counters, changed, writes);
                sliceBytes += work.stream().mapToLong(w -> w.range().length()).sum();
                next = window.end();
                if (fits < planned.work().size()) {
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return checkpoint.after(size, next, counters, changed.sum(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), windowBytes, diffCalls, writes.sum());
    }

    /** How many of the first work items fit in {@code budget} bytes; at least one, so every slice progresses. */
    private static int fitting(List<Work> work, long budget) {
        long bytes = 0;
        for (int i = 0; i < work.size(); i++) {
            bytes += work.get(i).range().length();
            if (bytes > budget && i > 0) {
                return i;
            }
        }
        return work.size();
    }

    /** Checks the chain and grows the replica if the disk grew; returns the newer snapshot's size. */
    private long prepareReplica(SyncCounters counters) {
        long size = snapshot.sizeBytes();
        long previous = previousSnapshot.sizeBytes();
        long current = replica.sizeBytes();
        counters.request();
        counters.request();
        counters.request();
        if (size < previous) {
            throw new ChainBrokenException("The disk shrank from " + previous + " to " + size
                    + " bytes between the snapshots: it was recreated; resynchronise it with a full compare");
        }
        long limit = IncrementalCopyCheckpoint.CHAIN_BREAKING_SIZE_BYTES;
        if (previous <= limit && size > limit) {
            throw new ChainBrokenException("The disk grew from " + previous + " to " + size + " bytes, across 4 TiB:"
                    + " Azure does not diff across that resize; resynchronise it with a full compare");
        }
        if (current != previous && current != size) {
            throw new ChainBrokenException("The replica is " + current + " bytes, but the older snapshot is "
                    + previous + " and the newer " + size + ": the replica does not hold the older image;"
                    + " resynchronise it with a full compare");
        }
        if (current != size) {
            replica.resize(size);
            counters.request();
        }
        return size;
    }

    private static boolean withinLimits(SliceLimits limits, long sliceBytes, long started) {
        return sliceBytes < limits.maxBytes() && System.nanoTime() - started < limits.maxWallTime().toNanos();
    }

    /** One write (at most one Put Page long) or clear.  */
    private record Work(ByteRange range, boolean clear) {
    }

    /** A window's work, and the size of the diff answer it came from. */
    private record Planned(List<Work> work, int ranges, int answers) {
    }

    private Planned plan(ByteRange window, SyncCounters counters) {
        SnapshotDiffs.Diff diff;
        try {
            diff = diffs.diff(snapshotUrl, previousSnapshotUrl, window);
        } catch (SnapshotDiffs.PreviousSnapshotGoneException e) {
            throw new ChainBrokenException(e.getMessage(), e);
        }
        counters.request();
        List<ByteRange> changed = PageRanges.clip(diff.changed(), window);
        List<ByteRange> cleared = PageRanges.subtract(PageRanges.clip(diff.cleared(), window), changed);
        List<Work> work = new ArrayList<>();
        PageRanges.coalesceNearby(changed, bridgedGapBytes, PageBlobLimits.MAX_PUT_PAGE_BYTES, cleared)
                .forEach(r -> work.add(new Work(r, false)));
        cleared.forEach(r -> work.add(new Work(r, true))); // Clear Pages takes any length
        work.sort(Comparator.comparing(Work::range));
        return new Planned(work, diff.changed().size() + diff.cleared().size(), diff.answers());
    }

    private void run(List<Work> work, ExecutorService pool, SyncCounters counters, LongAdder changed,
            LongAdder writes) {
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        try {
            for (Work w : work) {
                if (inFlight.size() == parallelism) {
                    await(inFlight.removeFirst());
                }
                inFlight.addLast(pool.submit(() -> apply(w, counters, changed, writes)));
            }
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private void apply(Work w, SyncCounters counters, LongAdder changed, LongAdder writes) {
        if (w.clear()) {
            writer.clearPages(w.range());
            counters.cleared(w.range().length());
            return;
        }
        ByteBuffer bytes = null;
        if (writer.needsSourceBytes()) {
            bytes = ByteBuffer.allocate((int) w.range().length());
            snapshot.read(w.range().offset(), bytes);
            bytes.flip();
            counters.read(w.range().length());
        }
        writer.writePages(w.range(), bytes);
        writes.increment();
        counters.written(w.range().length());
        changed.add(w.range().length());
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Incremental copy failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while copying; resume from the last checkpoint", e);
        }
    }
}

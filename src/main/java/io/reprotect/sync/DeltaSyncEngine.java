package io.reprotect.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings a replica (the seed) up to date with a source image, one slice at a time.
 *
 * <p>Ranges allocated on neither side are skipped; allocated on the source only are copied; on
 * the seed only are cleared; on both are compared chunk by chunk and only differing blocks are
 * written. Up to {@code parallelism} chunks are in flight, each holding two chunk buffers.
 *
 * <p>Idempotent: a slice that fails or is repeated from an older checkpoint redoes its chunks,
 * which compare equal where already written, so resuming from the last saved checkpoint always
 * ends with the replica equal to the source image.
 */
public final class DeltaSyncEngine {

    private final RangeReader source;
    private final RangeReader seed;
    private final DeltaSyncOptions options;
    private final ChunkSync chunkSync;
    private final BlockingQueue<ChunkBuffers> buffers;

    /** Compares by reading both sides ({@link ByteComparator}). */
    public DeltaSyncEngine(RangeReader source, RangeReader seed, PageWriter replica, DeltaSyncOptions options) {
        this(source, seed, replica, new ByteComparator(source, seed, options.blockBytes()), options);
    }

    public DeltaSyncEngine(RangeReader source, RangeReader seed, PageWriter replica, ChunkComparator comparator,
            DeltaSyncOptions options) {
        this.source = source;
        this.seed = seed;
        this.options = options;
        this.chunkSync = new ChunkSync(source, replica, comparator);
        this.buffers = new ArrayBlockingQueue<>(options.parallelism());
    }

    /** Runs one slice from checkpoint, within limits, and returns the checkpoint to save. */
    public SliceResult runSlice(SyncCheckpoint checkpoint, SliceLimits limits) {
        long started = System.nanoTime();
        long size = source.sizeBytes();
        if (seed.sizeBytes() != size) {
            throw new IllegalStateException("Replica is " + seed.sizeBytes() + " bytes but the source is " + size
                    + ": resize the replica to the source size before syncing");
        }
        SyncCounters counters = new SyncCounters();
        ByteRange window = ByteRange.between(Math.min(checkpoint.nextOffset(), size), size);
        ChunkPlanner planner = new ChunkPlanner(allocated(source, window, counters), allocated(seed, window, counters),
                options.chunkBytes(), size, window.offset());
        long total = checkpoint.totalBytes() >= 0 ? checkpoint.totalBytes()
                : checkpoint.bytesExamined() + planner.remainingBytes();
        long next = runChunks(planner, limits, counters, started);
        boolean done = !planner.hasNext();
        SyncCheckpoint after = checkpoint.after(done ? size : next, total, counters,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new SliceResult(after, SyncProgress.of(after, done), done);
    }

    private long runChunks(ChunkPlanner planner, SliceLimits limits, SyncCounters counters, long started) {
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "delta-sync");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        long next = -1;
        long sliceBytes = 0;
        try {
            while (planner.hasNext() && (next < 0 || withinLimits(limits, sliceBytes, started))) {
                if (inFlight.size() == options.parallelism()) {
                    await(inFlight.removeFirst());
                }
                ChunkPlan plan = planner.next();
                inFlight.addLast(pool.submit(() -> syncChunk(plan, counters)));
                sliceBytes += plan.examinedBytes();
                next = plan.chunk().end();
            }
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
            return next;
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static boolean withinLimits(SliceLimits limits, long sliceBytes, long started) {
        return sliceBytes < limits.maxBytes() && System.nanoTime() - started < limits.maxWallTime().toNanos();
    }

    private void syncChunk(ChunkPlan plan, SyncCounters counters) {
        ChunkBuffers pooled = buffers.poll();
        ChunkBuffers mine = pooled != null ? pooled.forChunk(plan.chunk())
                : new ChunkBuffers(plan.chunk(), new byte[options.chunkBytes()], new byte[options.chunkBytes()]);
        try {
            chunkSync.sync(plan, mine, counters);
        } finally {
            buffers.offer(mine);
        }
    }

    private static List<ByteRange> allocated(RangeReader side, ByteRange window, SyncCounters counters) {
        counters.request();
        return PageRanges.clip(side.allocatedRanges(window), window);
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Chunk sync failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while syncing; resume from the last checkpoint", e);
        }
    }
}

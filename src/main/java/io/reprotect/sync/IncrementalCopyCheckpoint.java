package io.reprotect.sync;

/**
 * Where an incremental copy of one disk stands between slices; plain data, stored by the caller
 * (e.g. in its JSON job record). Everything below {@code nextOffset} already equals the newer
 * snapshot on the replica.
 *
 * @param sizeBytes     size of the newer snapshot, -1 before the first slice
 * @param nextOffset    first byte not yet handled
 * @param bytesChanged  bytes the diff reported as changed (written since the older snapshot)
 * @param bytesCleared  bytes the diff reported as cleared, and cleared on the replica
 * @param bytesWritten  bytes written to the replica (Put Page or Put Page From URL)
 * @param bytesRead     bytes the app itself read from the snapshot (0 with the from-url writer)
 * @param requests      storage requests issued (diffs, properties, reads, writes, clears, resize)
 * @param activeMillis  wall time spent in slices
 * @param slices        slices run
 * @param windowBytes   the diff window the next slice starts with ({@link DiffWindows}); 0 before the first
 *                      (and in checkpoints saved before windows were adaptive)
 * @param diffCalls     page-range diff windows asked
 * @param writeCalls    Put Page (From URL) requests issued
 */
public record IncrementalCopyCheckpoint(long sizeBytes, long nextOffset, long bytesChanged, long bytesCleared,
        long bytesWritten, long bytesRead, long requests, long activeMillis, int slices, long windowBytes,
        long diffCalls, long writeCalls) {

    /**
     * Azure does not diff across a resize from at most 4 TiB to more (the disk's storage layout
     * changes); such a chain is broken.
     */
    public static final long CHAIN_BREAKING_SIZE_BYTES = 4L << 40;

    /** The checkpoint before the first slice. */
    public static IncrementalCopyCheckpoint start() {
        return new IncrementalCopyCheckpoint(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** True when the replica equals the newer snapshot. */
    public boolean done() {
        return sizeBytes >= 0 && nextOffset >= sizeBytes;
    }

    /** Share of the disk's address space handled, 0 to 100. */
    public double percent() {
        return sizeBytes <= 0 ? (done() ? 100.0 : 0.0) : Math.min(100.0, 100.0 * nextOffset / sizeBytes);
    }

    IncrementalCopyCheckpoint after(long size, long next, SyncCounters slice, long changed, long sliceMillis,
            long window, long diffs, long writes) {
        return new IncrementalCopyCheckpoint(size, next, bytesChanged + changed,
                bytesCleared + slice.bytesCleared.sum(), bytesWritten + slice.bytesWritten.sum(),
                bytesRead + slice.bytesRead.sum(), requests + slice.requests.sum(), activeMillis + sliceMillis,
                slices + 1, window, diffCalls + diffs, writeCalls + writes);
    }
}

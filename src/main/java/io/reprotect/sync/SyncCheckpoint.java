package io.reprotect.sync;

/**
 * Where a sync stands between slices; plain data, stored by the caller in its JSON job record.
 * Everything below nextOffset is in sync with the source image.
 *
 * @param sourceSnapshot id of the source snapshot the sync reads (recorded by the caller, null if none)
 * @param nextOffset     first byte not yet synced
 * @param totalBytes     bytes allocated on either side when the sync started, -1 before the first slice
 * @param bytesExamined  allocated bytes (either side) handled so far
 * @param bytesCompared  bytes allocated on both sides and compared
 * @param bytesRead      bytes read from source and seed
 * @param bytesWritten   bytes written to the replica
 * @param bytesCleared   bytes cleared on the replica
 * @param requests       storage requests issued (lists, reads, writes, clears)
 * @param activeMillis   wall time spent in slices
 * @param slices         slices run
 */
public record SyncCheckpoint(String sourceSnapshot, long nextOffset, long totalBytes, long bytesExamined,
        long bytesCompared, long bytesRead, long bytesWritten, long bytesCleared, long requests,
        long activeMillis, int slices) {

    /** The checkpoint before the first slice of a sync reading the given snapshot (may be null). */
    public static SyncCheckpoint start(String sourceSnapshot) {
        return new SyncCheckpoint(sourceSnapshot, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** This checkpoint advanced by one slice. */
    SyncCheckpoint after(long newNextOffset, long total, SyncCounters slice, long sliceMillis) {
        return new SyncCheckpoint(sourceSnapshot, newNextOffset, total,
                bytesExamined + slice.bytesExamined.sum(), bytesCompared + slice.bytesCompared.sum(),
                bytesRead + slice.bytesRead.sum(), bytesWritten + slice.bytesWritten.sum(),
                bytesCleared + slice.bytesCleared.sum(), requests + slice.requests.sum(),
                activeMillis + sliceMillis, slices + 1);
    }
}

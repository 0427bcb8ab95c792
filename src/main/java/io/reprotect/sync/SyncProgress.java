package io.reprotect.sync;

/**
 * Progress of a sync for the job record and the API; plain data.
 *
 * @param totalBytes    bytes allocated on either side: the work to examine
 * @param bytesExamined work done
 * @param bytesCompared bytes compared (allocated on both sides)
 * @param bytesRead     bytes read from source and seed
 * @param bytesWritten  bytes written to the replica
 * @param bytesCleared  bytes cleared on the replica
 * @param requests      storage requests issued
 * @param percent       0 to 100
 * @param etaSeconds    estimated seconds of slice time left, 0 when done, -1 when unknown
 */
public record SyncProgress(long totalBytes, long bytesExamined, long bytesCompared, long bytesRead,
        long bytesWritten, long bytesCleared, long requests, double percent, long etaSeconds) {

    public static SyncProgress of(SyncCheckpoint c, boolean done) {
        long total = Math.max(c.totalBytes(), c.bytesExamined());
        double percent = done || total == 0 ? 100.0 : Math.min(100.0, 100.0 * c.bytesExamined() / total);
        long eta = done ? 0 : c.bytesExamined() == 0 ? -1
                : (long) (c.activeMillis() / 1000.0 * (total - c.bytesExamined()) / c.bytesExamined());
        return new SyncProgress(total, c.bytesExamined(), c.bytesCompared(), c.bytesRead(), c.bytesWritten(),
                c.bytesCleared(), c.requests(), percent, eta);
    }
}

package io.reprotect.sync;

/**
 * An incremental copy cannot run: the older snapshot is gone or not of the same disk, the disk was
 * recreated, shrank, or was resized across {@link IncrementalCopyCheckpoint#CHAIN_BREAKING_SIZE_BYTES},
 * or the replica does not hold the older image. Not retryable: fall back to the delta-sync compare
 * ({@link DeltaSyncEngine}) for this disk, and start a new chain from the snapshot it syncs to.
 */
public final class ChainBrokenException extends RuntimeException {

    public ChainBrokenException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainBrokenException(String message) {
        super(message);
    }
}

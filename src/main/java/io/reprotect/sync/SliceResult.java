package io.reprotect.sync;

/**
 * Outcome of one slice.
 *
 * @param checkpoint save this, and pass it to the next slice
 * @param progress   for the job record
 * @param done       true when the replica equals the source image (no further slice needed)
 */
public record SliceResult(SyncCheckpoint checkpoint, SyncProgress progress, boolean done) {
}

package io.reprotect.sync;

import java.util.List;

/**
 * Changed and cleared page ranges of a disk snapshot against an earlier snapshot of the same disk
 * (Get Page Ranges with {@code x-ms-previous-snapshot-url}; the Java SDK's
 * {@code PageBlobClient.getManagedDiskPageRangesDiff}). Reads no data, only the range lists.
 *
 * <p>Azure answers without a continuation marker to the Java SDK, so callers ask in bounded
 * windows of at most {@link #MAX_WINDOW_BYTES}.
 */
public interface SnapshotDiffs {

    /** Largest window asked in one call; keeps each answer's range list bounded. */
    long MAX_WINDOW_BYTES = 256L * 1024 * 1024;

    /**
     * @param snapshotReadUrl read SAS URL of the newer snapshot
     * @param previousSnapshotReadUrl read SAS URL of the older snapshot of the same disk
     * @param window the byte range asked, at most {@link #MAX_WINDOW_BYTES}
     * @return the ranges within {@code window} that changed (written) and that were cleared since
     *         the older snapshot
     * @throws PreviousSnapshotGoneException the older snapshot no longer exists or is not of the
     *         same disk (the chain is broken: fall back to a full compare)
     */
    Diff diff(String snapshotReadUrl, String previousSnapshotReadUrl, ByteRange window);

    /** The answer for one window: ranges sorted by offset, not overlapping. */
    record Diff(List<ByteRange> changed, List<ByteRange> cleared) {
        public Diff {
            changed = List.copyOf(changed);
            cleared = List.copyOf(cleared);
        }
    }

    /** The base of an incremental diff is gone (Azure: 404/409 {@code PreviousSnapshotNotFound} and kin). */
    final class PreviousSnapshotGoneException extends RuntimeException {
        public PreviousSnapshotGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

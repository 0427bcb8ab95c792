package io.reprotect.sync;

import java.util.List;

/**
 * Changed and cleared page ranges of a disk snapshot against an earlier snapshot of the same disk
 * (Get Page Ranges with {@code x-ms-previous-snapshot-url}; the Java SDK's
 * {@code PageBlobClient.getManagedDiskPageRangesDiff}). Reads no data, only the range lists.
 *
 * <p>The Blob service answers at most 10,000 ranges at a time and then a {@code NextMarker}, which
 * implementations follow; callers still ask in windows of at most {@link #MAX_WINDOW_BYTES}, sized by
 * {@link DiffWindows} (large windows where the disk is idle, small ones where it is fragmented), so that one
 * answer stays quick and one slice's work stays bounded.
 */
public interface SnapshotDiffs {

    /** Largest window asked in one call: 256 GiB (an idle disk of that size is one small answer). */
    long MAX_WINDOW_BYTES = 256L << 30;

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

    /**
     * The answer for one window: ranges sorted by offset, not overlapping.
     *
     * @param answers how many answers the service took for the window (more than one: it paged with a
     *                {@code NextMarker}); what {@link DiffWindows} shrinks the next window on
     */
    record Diff(List<ByteRange> changed, List<ByteRange> cleared, int answers) {
        public Diff {
            changed = List.copyOf(changed);
            cleared = List.copyOf(cleared);
        }

        /** A diff that took one answer. */
        public Diff(List<ByteRange> changed, List<ByteRange> cleared) {
            this(changed, cleared, 1);
        }
    }

    /** The base of an incremental diff is gone (Azure: 404/409 {@code PreviousSnapshotNotFound} and kin). */
    final class PreviousSnapshotGoneException extends RuntimeException {
        public PreviousSnapshotGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

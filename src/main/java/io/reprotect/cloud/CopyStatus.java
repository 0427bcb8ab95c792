package io.reprotect.cloud;

/**
 * The state of the last server-side copy into a blob, as the blob service names it ({@code x-ms-copy-status}).
 * String-backed so that a state a newer service version adds passes through unchanged (it is none of the known ones).
 */
public record CopyStatus(String value) {

    /** The copy is in progress. */
    public static final CopyStatus PENDING = new CopyStatus("pending");
    /** The copy finished. */
    public static final CopyStatus SUCCESS = new CopyStatus("success");
    /** Someone aborted the copy (Abort Copy Blob). */
    public static final CopyStatus ABORTED = new CopyStatus("aborted");
    /** The copy failed; the blob's copy status description says why. */
    public static final CopyStatus FAILED = new CopyStatus("failed");

    /** Whether the copy ended without the data: failed or aborted. */
    public boolean ended() {
        return equals(FAILED) || equals(ABORTED);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.reprotect.sync;

import java.nio.ByteBuffer;

/** Writes to the replica. Every call is idempotent: writing the same pages twice is harmless. */
public interface PageWriter {

    /**
     * True when {@link #writePages} needs the source bytes in hand; false when the writer
     * fetches them itself (server-side copy from the source URL) and the engine need not read them.
     */
    boolean needsSourceBytes();

    /**
     * Makes the replica's pages in range equal to the source's. range is page aligned and at most
     * {@link PageBlobLimits#MAX_PUT_PAGE_BYTES} long. sourceBytes holds exactly range.length() bytes
     * of the source when {@link #needsSourceBytes()} is true, and is null otherwise.
     */
    void writePages(ByteRange range, ByteBuffer sourceBytes);

    /** Clears (deallocates) the replica's pages in range; range is page aligned. */
    void clearPages(ByteRange range);
}

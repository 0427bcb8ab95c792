package io.reprotect.sync;

import java.nio.ByteBuffer;
import java.util.List;

/** Read access to one side of a sync (source image or seed): its size, allocated pages and bytes. */
public interface RangeReader {

    /** Size of the disk in bytes, a multiple of {@link PageBlobLimits#PAGE_BYTES}. */
    long sizeBytes();

    /**
     * The allocated (written, not cleared) page ranges that overlap window, in any order; they
     * may extend beyond the window. Ranges are page aligned.
     */
    List<ByteRange> allocatedRanges(ByteRange window);

    /**
     * Reads target.remaining() bytes starting at offset into target (advancing its position).
     * One call is one request: the engine never asks for more than one chunk at a time.
     */
    void read(long offset, ByteBuffer target);
}

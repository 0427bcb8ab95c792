package io.reprotect.sync;

import java.util.List;

/**
 * Finds which blocks of a chunk differ between source and seed, over the ranges allocated on both.
 * Implementations: {@link ByteComparator} (reads both sides) and {@link DigestComparator}
 * (compares strong digests where only a digest is available).
 */
public interface ChunkComparator {

    /**
     * Compares source and seed over common (ranges inside one chunk, allocated on both sides) and
     * returns the differing blocks: ranges aligned to blockBytes (clipped to common).
     *
     * @param buffers per-chunk buffers; a comparator that reads the source leaves those bytes in
     *                {@link ChunkBuffers#source()} at position (offset - chunk offset)
     */
    Comparison compare(List<ByteRange> common, ChunkBuffers buffers, SyncCounters counters);

    /**
     * @param differingBlocks     normalised ranges that differ
     * @param sourceBytesInBuffer true when the source bytes of every compared range are in the buffer
     */
    record Comparison(List<ByteRange> differingBlocks, boolean sourceBytesInBuffer) {
    }
}

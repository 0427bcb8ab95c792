package io.reprotect.sync;

import java.util.List;

/**
 * What to do inside one chunk.
 *
 * @param chunk   the chunk, aligned to the chunk size (the last one may be shorter)
 * @param copy    allocated on the source only: copied
 * @param clear   allocated on the seed only: cleared on the replica
 * @param compare allocated on both: compared, and the differing blocks copied
 */
public record ChunkPlan(ByteRange chunk, List<ByteRange> copy, List<ByteRange> clear, List<ByteRange> compare) {

    /** Bytes allocated on either side: the work this chunk counts for in progress. */
    public long examinedBytes() {
        return PageRanges.totalBytes(copy) + PageRanges.totalBytes(clear) + PageRanges.totalBytes(compare);
    }

    /** Plans a chunk from the normalised allocated ranges of both sides. */
    public static ChunkPlan of(ByteRange chunk, List<ByteRange> source, List<ByteRange> seed) {
        List<ByteRange> src = PageRanges.clipNormalized(source, chunk);
        List<ByteRange> sd = PageRanges.clipNormalized(seed, chunk);
        return new ChunkPlan(chunk, PageRanges.subtract(src, sd), PageRanges.subtract(sd, src),
                PageRanges.intersect(src, sd));
    }
}

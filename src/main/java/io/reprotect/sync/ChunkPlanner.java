package io.reprotect.sync;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks the chunks of a disk that hold allocated pages on either side, in offset order, skipping
 * chunks allocated on neither side. Lazy: memory is bounded by the range lists, not the disk size.
 */
public final class ChunkPlanner implements Iterator<ChunkPlan> {

    private final List<ByteRange> source;
    private final List<ByteRange> seed;
    private final List<ByteRange> either;
    private final long chunkBytes;
    private final long diskBytes;
    private int index;
    private long cursor;

    /**
     * @param source normalised allocated ranges of the source from the start offset on
     * @param seed   normalised allocated ranges of the seed from the start offset on
     */
    public ChunkPlanner(List<ByteRange> source, List<ByteRange> seed, long chunkBytes, long diskBytes, long start) {
        this.source = source;
        this.seed = seed;
        this.either = PageRanges.union(source, seed);
        this.chunkBytes = chunkBytes;
        this.diskBytes = diskBytes;
        this.cursor = start;
    }

    @Override
    public boolean hasNext() {
        while (index < either.size() && either.get(index).end() <= cursor) {
            index++;
        }
        return index < either.size();
    }

    @Override
    public ChunkPlan next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long first = Math.max(cursor, either.get(index).offset());
        long chunkStart = first - first % chunkBytes;
        ByteRange chunk = ByteRange.between(Math.max(chunkStart, cursor), Math.min(diskBytes, chunkStart + chunkBytes));
        cursor = chunk.end();
        return ChunkPlan.of(chunk, source, seed);
    }

    /** Bytes allocated on either side from the start offset on. */
    public long remainingBytes() {
        return PageRanges.totalBytes(either);
    }
}

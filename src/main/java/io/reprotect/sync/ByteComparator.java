package io.reprotect.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares by reading both sides and comparing bytes. A differing range is refined to
 * blockBytes-aligned blocks by scanning for mismatches, so an identical range costs one vectorised
 * comparison and a 4 KiB change yields one 4 KiB block. The source bytes stay in the buffer.
 */
public final class ByteComparator implements ChunkComparator {

    private final RangeReader source;
    private final RangeReader seed;
    private final int blockBytes;

    public ByteComparator(RangeReader source, RangeReader seed, int blockBytes) {
        this.source = source;
        this.seed = seed;
        this.blockBytes = blockBytes;
    }

    @Override
    public Comparison compare(List<ByteRange> common, ChunkBuffers buffers, SyncCounters counters) {
        List<ByteRange> differing = new ArrayList<>();
        for (ByteRange range : common) {
            source.read(range.offset(), buffers.sourceView(range));
            counters.read(range.length());
            seed.read(range.offset(), buffers.seedView(range));
            counters.read(range.length());
            counters.compared(range.length());
            differing.addAll(differingBlocks(range, buffers));
        }
        return new Comparison(PageRanges.normalize(differing), true);
    }

    private List<ByteRange> differingBlocks(ByteRange range, ChunkBuffers buffers) {
        List<ByteRange> blocks = new ArrayList<>();
        int stop = buffers.indexOf(range.end());
        long cursor = range.offset();
        while (cursor < range.end()) {
            int from = buffers.indexOf(cursor);
            int mismatch = Arrays.mismatch(buffers.source(), from, stop, buffers.seed(), from, stop);
            if (mismatch < 0) {
                break;
            }
            long at = cursor + mismatch;
            long blockStart = Math.max(range.offset(), at - Math.floorMod(at, (long) blockBytes));
            long blockEnd = Math.min(range.end(), blockStart - Math.floorMod(blockStart, (long) blockBytes) + blockBytes);
            blocks.add(ByteRange.between(blockStart, blockEnd));
            cursor = blockEnd;
        }
        return blocks;
    }
}

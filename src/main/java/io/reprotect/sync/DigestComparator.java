package io.reprotect.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares by strong digests: a range whose digests differ is halved (on block boundaries) and
 * each half compared again, down to blockBytes. Source bytes are not read, so a writer that needs
 * them gets them read by the engine afterwards, for the differing blocks only.
 */
public final class DigestComparator implements ChunkComparator {

    private final RangeDigester source;
    private final RangeDigester seed;
    private final int blockBytes;

    public DigestComparator(RangeDigester source, RangeDigester seed, int blockBytes) {
        this.source = source;
        this.seed = seed;
        this.blockBytes = blockBytes;
    }

    @Override
    public Comparison compare(List<ByteRange> common, ChunkBuffers buffers, SyncCounters counters) {
        List<ByteRange> differing = new ArrayList<>();
        for (ByteRange range : common) {
            counters.compared(range.length());
            refine(range, differing, counters);
        }
        return new Comparison(PageRanges.normalize(differing), false);
    }

    private void refine(ByteRange range, List<ByteRange> differing, SyncCounters counters) {
        counters.request();
        counters.request();
        if (Arrays.equals(source.digest(range), seed.digest(range))) {
            return;
        }
        long blocks = (range.length() + blockBytes - 1) / blockBytes;
        if (blocks <= 1) {
            differing.add(range);
            return;
        }
        long middle = range.offset() + (blocks / 2) * blockBytes;
        middle -= Math.floorMod(middle, (long) blockBytes);
        if (middle <= range.offset()) {
            middle = range.offset() + blockBytes - Math.floorMod(range.offset(), (long) blockBytes);
        }
        refine(ByteRange.between(range.offset(), middle), differing, counters);
        refine(ByteRange.between(middle, range.end()), differing, counters);
    }
}

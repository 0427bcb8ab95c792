package io.reprotect.sync;

import java.util.List;

/** Syncs one chunk: compares the common ranges, writes differing blocks and source-only ranges, clears the rest. */
final class ChunkSync {

    private final RangeReader source;
    private final PageWriter replica;
    private final ChunkComparator comparator;

    ChunkSync(RangeReader source, PageWriter replica, ChunkComparator comparator) {
        this.source = source;
        this.replica = replica;
        this.comparator = comparator;
    }

    void sync(ChunkPlan plan, ChunkBuffers buffers, SyncCounters counters) {
        ChunkComparator.Comparison comparison = plan.compare().isEmpty()
                ? new ChunkComparator.Comparison(List.of(), true)
                : comparator.compare(plan.compare(), buffers, counters);
        List<ByteRange> runs = PageRanges.coalesce(
                PageRanges.union(comparison.differingBlocks(), plan.copy()), PageBlobLimits.MAX_PUT_PAGE_BYTES);
        if (replica.needsSourceBytes()) {
            List<ByteRange> missing = comparison.sourceBytesInBuffer()
                    ? plan.copy() : PageRanges.union(plan.copy(), comparison.differingBlocks());
            for (ByteRange range : missing) {
                source.read(range.offset(), buffers.sourceView(range));
                counters.read(range.length());
            }
        }
        for (ByteRange run : runs) {
            replica.writePages(run, replica.needsSourceBytes() ? buffers.sourceView(run) : null);
            counters.written(run.length());
        }
        for (ByteRange range : plan.clear()) {
            replica.clearPages(range);
            counters.cleared(range.length());
        }
        counters.examined(plan.examinedBytes());
    }
}

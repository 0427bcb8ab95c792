package io.reprotect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageRangesTest {

    private static ByteRange r(long start, long end) {
        return ByteRange.between(start, end);
    }

    @Test
    void normalizeMergesOverlappingAndTouchingRangesAndDropsEmptyOnes() {
        assertEquals(List.of(r(0, 1536), r(2048, 2560)),
                PageRanges.normalize(List.of(r(1024, 1536), r(0, 512), r(512, 1024), r(2048, 2560), r(4096, 4096))));
    }

    @Test
    void subtractLeavesTheBytesOfTheFirstListOutsideTheSecond() {
        assertEquals(List.of(r(0, 512), r(1024, 1536), r(3072, 4096)),
                PageRanges.subtract(List.of(r(0, 2048), r(2560, 4096)), List.of(r(512, 1024), r(1536, 3072))));
    }

    @Test
    void intersectKeepsOnlyBytesInBothLists() {
        assertEquals(List.of(r(512, 1024), r(1536, 2048), r(2560, 3072)),
                PageRanges.intersect(List.of(r(0, 2048), r(2560, 4096)), List.of(r(512, 1024), r(1536, 3072))));
    }

    @Test
    void coalesceMergesNeighbouringBlocksButCapsRunsAtTheLimit() {
        long mib = 1024 * 1024;
        assertEquals(List.of(r(0, 8192), r(4 * mib, 8 * mib), r(8 * mib, 9 * mib)),
                PageRanges.coalesce(List.of(r(4096, 8192), r(0, 4096), r(4 * mib, 9 * mib)), 4 * mib));
    }

    @Test
    void splitAlignedCutsRangesAtChunkBoundaries() {
        assertEquals(List.of(r(1000, 4096), r(4096, 8192), r(8192, 9000)),
                PageRanges.splitAligned(List.of(r(1000, 9000)), 4096));
    }

    @Test
    void clipNormalizedFindsTheRangesOverlappingAWindow() {
        List<ByteRange> ranges = List.of(r(0, 512), r(1024, 2048), r(4096, 8192), r(9000, 9512));
        assertEquals(List.of(r(1536, 2048), r(4096, 5000)), PageRanges.clipNormalized(ranges, r(1536, 5000)));
        assertEquals(List.of(), PageRanges.clipNormalized(ranges, r(2048, 4096)));
    }

    @Test
    void chunkPlanSplitsAChunkIntoCopyClearAndCompare() {
        ChunkPlan plan = ChunkPlan.of(r(0, 8192), List.of(r(0, 4096)), List.of(r(2048, 6144)));
        assertEquals(List.of(r(0, 2048)), plan.copy());
        assertEquals(List.of(r(4096, 6144)), plan.clear());
        assertEquals(List.of(r(2048, 4096)), plan.compare());
        assertEquals(6144, plan.examinedBytes());
    }

    @Test
    void plannerSkipsChunksAllocatedOnNeitherSide() {
        long chunk = 4096;
        ChunkPlanner planner = new ChunkPlanner(List.of(r(512, 1024)), List.of(r(40960, 41472)), chunk, 81920, 0);
        assertEquals(r(0, 4096), planner.next().chunk());
        assertEquals(r(40960, 45056), planner.next().chunk());
        assertEquals(false, planner.hasNext());
    }

    @Test
    void nearbyRangesJoinOneRunUnlessTheGapIsLargeTheRunTooLongOrAClearLiesBetween() {
        List<ByteRange> changed = List.of(r(0, 4096), r(8192, 12288), r(20480, 24576), r(200000, 200704));
        assertEquals(List.of(r(0, 24576), r(200000, 200704)), PageRanges.coalesceNearby(changed, 8192, 1 << 22, List.of()));
        assertEquals(List.of(r(0, 12288), r(20480, 24576), r(200000, 200704)),
                PageRanges.coalesceNearby(changed, 8192, 1 << 22, List.of(r(16384, 16896))), "a clear in the gap");
        assertEquals(List.of(r(0, 12288), r(20480, 24576), r(200000, 200704)),
                PageRanges.coalesceNearby(changed, 8192, 12288, List.of()), "runs of at most 12 KiB");
        assertEquals(List.of(r(0, 4096), r(4096, 6144)), PageRanges.coalesceNearby(List.of(r(0, 6144)), 8192, 4096, List.of()));
    }
}

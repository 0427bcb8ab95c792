package io.reprotect.sync.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delta sync of real page blobs on Azurite: patterns P0-P6 and edge cases; replica must equal the snapshot. */
class PageBlobDeltaSyncTest {

    private static final long MIB = 1024 * 1024;
    private static final long DISK_BYTES = 32 * MIB;
    private static final List<ByteRange> LAYOUT = List.of(ByteRange.between(0, 4 * MIB),
            ByteRange.between(6 * MIB, 10 * MIB), ByteRange.between(12 * MIB, 14 * MIB),
            ByteRange.between(16 * MIB, 22 * MIB), ByteRange.between(26 * MIB, 28 * MIB));
    private static final long ALLOCATED = PageRanges.totalBytes(LAYOUT);
    private static final SliceLimits SLICE = new SliceLimits(8 * MIB, Duration.ofMinutes(1));
    private static AzuriteDisks disks;
    private static final AtomicInteger names = new AtomicInteger();
    private final Random random = new Random(7);

    @BeforeAll
    static void startAzurite() {
        disks = new AzuriteDisks("sync-patterns");
    }

    @AfterAll
    static void dropContainers() {
        disks.deleteContainers();
    }

    /** A source and a replica holding the same data in LAYOUT; changes go to the source afterwards. */
    private final class Pair {
        final PageBlobClient source;
        final PageBlobClient replica;
        final List<ByteRange> changed = new ArrayList<>();

        Pair(long sizeBytes, List<ByteRange> layout) {
            String name = "disk-" + names.incrementAndGet();
            source = AzuriteDisks.create(disks.primary, name, sizeBytes).getPageBlobClient();
            replica = AzuriteDisks.create(disks.secondary, name, sizeBytes).getPageBlobClient();
            for (ByteRange extent : layout) {
                byte[] bytes = bytes(extent.length());
                AzuriteDisks.write(source, extent.offset(), bytes);
                AzuriteDisks.write(replica, extent.offset(), bytes);
            }
        }

        void change(long offset, long length) {
            AzuriteDisks.write(source, offset, bytes(length));
            changed.add(new ByteRange(offset, length));
        }

        void scatter(long totalBytes, long writeBytes) {
            for (long done = 0; done < totalBytes; done += writeBytes) {
                change(randomAllocatedOffset(writeBytes), writeBytes);
            }
        }

        long changedBytes() {
            return PageRanges.totalBytes(PageRanges.normalize(changed));
        }

        SliceResult syncAndVerify() {
            SourceSnapshot snapshot = SourceSnapshot.take(disks.primary.getBlobClient(source.getBlobName()));
            var engine = PageBlobSync.engine(snapshot, replica, PageWriterKind.LOCAL, null, DeltaSyncOptions.defaults());
            SliceResult result = engine.runSlice(SyncCheckpoint.start(snapshot.snapshotId()), SLICE);
            while (!result.done()) {
                result = engine.runSlice(result.checkpoint(), SLICE);
            }
            assertEquals(AzuriteDisks.ranges(snapshot.pageBlob()), AzuriteDisks.ranges(replica), "page ranges");
            assertArrayEquals(AzuriteDisks.sha256(snapshot.pageBlob()), AzuriteDisks.sha256(replica), "bytes");
            return result;
        }
    }

    private byte[] bytes(long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        random.nextBytes(bytes);
        return bytes;
    }

    private long randomAllocatedOffset(long alignment) {
        while (true) {
            long offset = (long) (random.nextDouble() * (DISK_BYTES / alignment)) * alignment;
            if (LAYOUT.stream().anyMatch(r -> r.offset() <= offset && offset + alignment <= r.end())) {
                return offset;
            }
        }
    }

    @Test
    void identicalDisksAreComparedButNothingIsWritten() {
        SliceResult result = new Pair(DISK_BYTES, LAYOUT).syncAndVerify();
        assertEquals(0, result.progress().bytesWritten());
        assertEquals(ALLOCATED, result.progress().bytesCompared());
        assertEquals(100.0, result.progress().percent());
    }

    @Test
    void scattered4KiBChangesOfOnePercentCostAtMostFourTimesTheirSize() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        pair.scatter(ALLOCATED / 100, 4096);
        SliceResult result = pair.syncAndVerify();
        assertTrue(result.progress().bytesWritten() <= 4 * pair.changedBytes(), () -> result.progress().toString());
    }

    @Test
    void onePercentInTenExtentsCostsAtMostOneAndAHalfTimesItsSize() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        long extent = (ALLOCATED / 100 / 10) / 4096 * 4096;
        for (int i = 0; i < 10; i++) {
            pair.change(randomAllocatedOffset(extent), extent);
        }
        SliceResult result = pair.syncAndVerify();
        assertTrue(result.progress().bytesWritten() <= 1.5 * pair.changedBytes(), () -> result.progress().toString());
    }

    @Test
    void tenPercentIn64KiBWritesCostsAboutTheChangedBytes() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        pair.scatter(ALLOCATED / 10, 64 * 1024);
        SliceResult result = pair.syncAndVerify();
        assertTrue(result.progress().bytesWritten() <= 1.5 * pair.changedBytes(), () -> result.progress().toString());
    }

    @Test
    void aFullyRewrittenDiskIsCopiedOnce() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        LAYOUT.forEach(r -> pair.change(r.offset(), r.length()));
        SliceResult result = pair.syncAndVerify();
        assertEquals(ALLOCATED, result.progress().bytesWritten());
    }

    @Test
    void rangesTrimmedOnTheSourceAreClearedOnTheReplica() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        AzuriteDisks.clear(pair.source, 7 * MIB, 2 * MIB);
        AzuriteDisks.clear(pair.source, 16 * MIB + 4096, 8192);
        SliceResult result = pair.syncAndVerify();
        assertEquals(2 * MIB + 8192, result.progress().bytesCleared());
        assertEquals(0, result.progress().bytesWritten());
    }

    @Test
    void dataOnlyOnTheSeedIsClearedAndDataOnlyOnTheSourceIsCopied() {
        Pair pair = new Pair(DISK_BYTES, LAYOUT);
        AzuriteDisks.write(pair.replica, 4 * MIB, bytes(MIB));
        AzuriteDisks.write(pair.replica, 30 * MIB, bytes(8192));
        pair.change(23 * MIB, 512 * 1024);
        SliceResult result = pair.syncAndVerify();
        assertEquals(MIB + 8192, result.progress().bytesCleared());
        assertEquals(512 * 1024, result.progress().bytesWritten());
    }

    @Test
    void aDiskSizeThatIsNotAMultipleOfTheChunkSyncsToTheLastPage() {
        long size = DISK_BYTES + 3 * 512;
        Pair pair = new Pair(size, List.of(ByteRange.between(0, MIB), ByteRange.between(size - 3 * MIB, size)));
        pair.change(size - 1536, 1536);
        pair.change(30 * MIB, 4096);
        SliceResult result = pair.syncAndVerify();
        assertEquals(1536 + 4096, result.progress().bytesWritten());
    }

    @Test
    void anEmptyDiskIsDoneInOneSliceWithoutReadingData() {
        SliceResult result = new Pair(DISK_BYTES, List.of()).syncAndVerify();
        assertEquals(0, result.progress().bytesRead());
        assertEquals(1, result.checkpoint().slices());
    }
}

package io.reprotect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine against in-memory disks: no Azure, no Azurite. */
class DeltaSyncEngineTest {

    private static final int MIB = 1024 * 1024;
    private final Random random = new Random(42);

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private InMemoryDisk disk(int sizeBytes, int allocatedBytes) {
        InMemoryDisk disk = new InMemoryDisk(sizeBytes);
        disk.put(0, randomBytes(allocatedBytes));
        return disk;
    }

    private static SliceResult syncAll(DeltaSyncEngine engine, SliceLimits limits) {
        SliceResult result = engine.runSlice(SyncCheckpoint.start(null), limits);
        while (!result.done()) {
            result = engine.runSlice(result.checkpoint(), limits);
        }
        return result;
    }

    @Test
    void aSingleChanged4KiBlockCostsOne4KiBWrite() {
        InMemoryDisk source = disk(16 * MIB, 12 * MIB);
        InMemoryDisk replica = source.copy();
        source.put(5 * MIB + 8192, randomBytes(4096));

        SliceResult result = syncAll(new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults()),
                SliceLimits.unlimited());

        assertTrue(replica.sameAs(source));
        assertEquals(4096, result.progress().bytesWritten());
        assertEquals(1, replica.writes.get());
        assertEquals(12 * MIB, result.progress().bytesCompared());
    }

    @Test
    void neighbouringChangedBlocksAreWrittenAsOneRun() {
        InMemoryDisk source = disk(8 * MIB, 8 * MIB);
        InMemoryDisk replica = source.copy();
        source.put(MIB, randomBytes(3 * 4096));
        source.put(MIB + 5 * 4096, randomBytes(512));

        syncAll(new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults()), SliceLimits.unlimited());

        assertTrue(replica.sameAs(source));
        assertEquals(2, replica.writes.get());
    }

    @Test
    void pagesTrimmedOnTheSourceAreClearedOnTheReplica() {
        InMemoryDisk source = disk(8 * MIB, 8 * MIB);
        InMemoryDisk replica = source.copy();
        source.clear(2 * MIB, 3 * MIB);

        SliceResult result = syncAll(new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults()),
                SliceLimits.unlimited());

        assertTrue(replica.sameAs(source));
        assertEquals(3 * MIB, result.progress().bytesCleared());
        assertEquals(0, result.progress().bytesWritten());
    }

    @Test
    void rangesAllocatedOnlyOnTheSourceAreCopiedWithoutComparing() {
        InMemoryDisk source = disk(8 * MIB, 2 * MIB);
        InMemoryDisk replica = new InMemoryDisk(8 * MIB);
        source.put(6 * MIB, randomBytes(MIB));

        SliceResult result = syncAll(new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults()),
                SliceLimits.unlimited());

        assertTrue(replica.sameAs(source));
        assertEquals(0, result.progress().bytesCompared());
        assertEquals(3 * MIB, result.progress().bytesWritten());
        assertEquals(0, replica.reads.get());
    }

    @Test
    void anEmptyDiskNeedsNoReadsAndIsDoneInOneSlice() {
        InMemoryDisk source = new InMemoryDisk(8 * MIB);
        InMemoryDisk replica = new InMemoryDisk(8 * MIB);

        SliceResult result = new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults())
                .runSlice(SyncCheckpoint.start(null), SliceLimits.unlimited());

        assertTrue(result.done());
        assertEquals(100.0, result.progress().percent());
        assertEquals(0, source.reads.get() + replica.reads.get());
    }

    @Test
    void slicesStopAtTheByteLimitAndReportProgress() {
        InMemoryDisk source = disk(32 * MIB, 32 * MIB);
        InMemoryDisk replica = disk(32 * MIB, 32 * MIB);
        DeltaSyncEngine engine = new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults());

        SliceResult first = engine.runSlice(SyncCheckpoint.start("snap"), new SliceLimits(8 * MIB, Duration.ofHours(1)));

        assertEquals(false, first.done());
        assertEquals(8 * MIB, first.checkpoint().nextOffset());
        assertEquals(25.0, first.progress().percent());
        assertEquals("snap", first.checkpoint().sourceSnapshot());
        SliceResult last = syncAll(engine, new SliceLimits(8 * MIB, Duration.ofHours(1)));
        assertTrue(replica.sameAs(source));
        assertEquals(0, last.progress().etaSeconds());
    }

    @Test
    void aCrashMidSliceIsRepairedByResumingFromTheLastCheckpointInAFreshEngine() throws Exception {
        InMemoryDisk source = disk(32 * MIB, 30 * MIB);
        InMemoryDisk replica = disk(32 * MIB, 20 * MIB);
        SliceLimits limits = new SliceLimits(8 * MIB, Duration.ofHours(1));
        ObjectMapper json = new ObjectMapper();
        SliceResult first = new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults())
                .runSlice(SyncCheckpoint.start(null), limits);
        String saved = json.writeValueAsString(first.checkpoint());
        PageWriter crashing = new FailingWriter(replica, replica.writes.get() + 1);

        assertThrows(IllegalStateException.class,
                () -> new DeltaSyncEngine(source, replica, crashing, DeltaSyncOptions.defaults())
                        .runSlice(first.checkpoint(), limits));

        SyncCheckpoint restored = json.readValue(saved, SyncCheckpoint.class);
        DeltaSyncEngine fresh = new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults());
        SliceResult result = fresh.runSlice(restored, limits);
        while (!result.done()) {
            result = fresh.runSlice(json.readValue(json.writeValueAsString(result.checkpoint()), SyncCheckpoint.class),
                    limits);
        }
        assertTrue(replica.sameAs(source));
    }

    @Test
    void digestComparisonFindsTheSameBlocksAsByteComparison() {
        InMemoryDisk source = disk(16 * MIB, 16 * MIB);
        InMemoryDisk replica = source.copy();
        source.put(3 * MIB + 4096, randomBytes(4096));
        source.put(9 * MIB, randomBytes(20480));
        DeltaSyncOptions options = DeltaSyncOptions.defaults();

        SliceResult result = syncAll(new DeltaSyncEngine(source, replica, replica,
                new DigestComparator(source, replica, options.blockBytes()), options), SliceLimits.unlimited());

        assertTrue(replica.sameAs(source));
        assertEquals(4096 + 20480, result.progress().bytesWritten());
    }

    @Test
    void aReplicaOfAnotherSizeIsRejectedWithAHint() {
        InMemoryDisk source = new InMemoryDisk(8 * MIB);
        InMemoryDisk replica = new InMemoryDisk(4 * MIB);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DeltaSyncEngine(source, replica, replica, DeltaSyncOptions.defaults())
                        .runSlice(SyncCheckpoint.start(null), SliceLimits.unlimited()));
        assertTrue(e.getMessage().contains("resize the replica"));
    }

    /** Writes through to a disk, then fails like a crashed host after a number of writes. */
    private record FailingWriter(InMemoryDisk disk, int writesBeforeCrash) implements PageWriter {
        @Override
        public boolean needsSourceBytes() {
            return true;
        }

        @Override
        public void writePages(ByteRange range, ByteBuffer sourceBytes) {
            if (disk.writes.get() >= writesBeforeCrash) {
                throw new IllegalStateException("host crashed");
            }
            disk.writePages(range, sourceBytes);
        }

        @Override
        public void clearPages(ByteRange range) {
            disk.clearPages(range);
        }
    }
}

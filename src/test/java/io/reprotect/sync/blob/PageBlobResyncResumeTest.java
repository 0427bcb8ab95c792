package io.reprotect.sync.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.DeltaSyncEngine;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.PageWriter;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A resync that crashes mid-way resumes from its saved JSON checkpoint and still converges on the snapshot. */
class PageBlobResyncResumeTest {

    private static final int MIB = 1024 * 1024;
    private static final SliceLimits SLICE = new SliceLimits(4L * MIB, Duration.ofMinutes(1));
    private static AzuriteDisks disks;
    private final Random random = new Random(11);
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startAzurite() {
        disks = new AzuriteDisks("sync-resume");
    }

    @AfterAll
    static void dropContainers() {
        disks.deleteContainers();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void aResyncCrashedMidSliceEndsEqualAfterResumingFromTheSavedCheckpoint() throws Exception {
        PageBlobClient source = AzuriteDisks.create(disks.primary, "crash", 32L * MIB).getPageBlobClient();
        PageBlobClient replica = AzuriteDisks.create(disks.secondary, "crash", 32L * MIB).getPageBlobClient();
        AzuriteDisks.write(source, 0, bytes(24 * MIB));
        AzuriteDisks.write(replica, 4L * MIB, bytes(24 * MIB));
        SourceSnapshot snapshot = SourceSnapshot.take(disks.primary.getBlobClient("crash"));

        String saved = json.writeValueAsString(SyncCheckpoint.start(snapshot.snapshotId()));
        DeltaSyncEngine first = PageBlobSync.engine(snapshot, replica, PageWriterKind.LOCAL, null,
                DeltaSyncOptions.defaults());
        for (int slice = 0; slice < 2; slice++) {
            saved = json.writeValueAsString(first.runSlice(json.readValue(saved, SyncCheckpoint.class), SLICE)
                    .checkpoint());
        }
        SyncCheckpoint beforeCrash = json.readValue(saved, SyncCheckpoint.class);
        DeltaSyncEngine crashing = new DeltaSyncEngine(new PageBlobRangeReader(snapshot.pageBlob()),
                new PageBlobRangeReader(replica), new CrashingWriter(new LocalPageWriter(replica), 1),
                DeltaSyncOptions.defaults());
        assertThrows(IllegalStateException.class,
                () -> crashing.runSlice(beforeCrash, new SliceLimits(12L * MIB, Duration.ofMinutes(1))));

        // A new "JVM": new clients, engine and checkpoint from JSON; the source changes meanwhile.
        AzuriteDisks.write(source, 0, bytes(MIB));
        SyncCheckpoint resumed = json.readValue(saved, SyncCheckpoint.class);
        SourceSnapshot sameImage = new SourceSnapshot(disks.primary.getBlobClient("crash"), resumed.sourceSnapshot());
        DeltaSyncEngine fresh = PageBlobSync.engine(sameImage, disks.secondary.getBlobClient("crash")
                .getPageBlobClient(), PageWriterKind.LOCAL, null, DeltaSyncOptions.defaults());
        SliceResult result = fresh.runSlice(resumed, SLICE);
        while (!result.done()) {
            result = fresh.runSlice(json.readValue(json.writeValueAsString(result.checkpoint()), SyncCheckpoint.class),
                    SLICE);
        }

        assertEquals(AzuriteDisks.ranges(snapshot.pageBlob()), AzuriteDisks.ranges(replica));
        assertArrayEquals(AzuriteDisks.sha256(snapshot.pageBlob()), AzuriteDisks.sha256(replica));
        assertEquals(100.0, result.progress().percent());
    }

    /** Passes writes through, then fails like a host that dies, after a number of writes. */
    private record CrashingWriter(PageWriter delegate, int writesBeforeCrash, AtomicInteger writes)
            implements PageWriter {
        CrashingWriter(PageWriter delegate, int writesBeforeCrash) {
            this(delegate, writesBeforeCrash, new AtomicInteger());
        }

        @Override
        public boolean needsSourceBytes() {
            return true;
        }

        @Override
        public void writePages(ByteRange range, ByteBuffer sourceBytes) {
            if (writes.getAndIncrement() >= writesBeforeCrash) {
                throw new IllegalStateException("host crashed");
            }
            delegate.writePages(range, sourceBytes);
        }

        @Override
        public void clearPages(ByteRange range) {
            delegate.clearPages(range);
        }
    }
}

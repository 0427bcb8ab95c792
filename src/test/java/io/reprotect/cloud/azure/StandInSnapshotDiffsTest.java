package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.arm.IncrementalSnapshotLimits;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.IncrementalCopyCheckpoint;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SnapshotDiffs;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.blob.PageBlobIncrementalCopy;
import io.reprotect.sync.blob.PageBlobSnapshotDiffs;
import io.reprotect.sync.blob.PageBlobSync;
import io.reprotect.sync.blob.PageWriterKind;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Page-range diffs of incremental snapshots through the real SDKs against the ARM stand-in:
 * snapshots taken and read SAS URLs granted with azure-resourcemanager, diffs asked with
 * {@link PageBlobSnapshotDiffs} ({@code getManagedDiskPageRangesDiff}), which the stand-in answers
 * from the writes made to the disk since the older snapshot.
 */
class StandInSnapshotDiffsTest {

    private static final long MIB = 1 << 20;
    private static final long KIB = 1 << 10;
    private static CloudFixture f;
    private static final SnapshotDiffs DIFFS = new PageBlobSnapshotDiffs();

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static SnapshotInfo snapshot(String diskId, String name) {
        return f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", name, "northeurope", diskId, true, Map.of()));
    }

    private static String readUrl(SnapshotInfo snap) {
        return f.disks().grantRead(snap.id(), Duration.ofMinutes(30)).sasUrl().toString();
    }

    private static void write(PageBlobClient disk, long offset, long length, long seed) {
        for (long done = 0; done < length; done += 4 * MIB) {
            int n = (int) Math.min(4 * MIB, length - done);
            disk.uploadPages(new PageRange().setStart(offset + done).setEnd(offset + done + n - 1),
                    new ByteArrayInputStream(DemoSeed.pattern(seed + done, n)));
        }
    }

    private static void clear(PageBlobClient disk, long offset, long length) {
        disk.clearPages(new PageRange().setStart(offset).setEnd(offset + length - 1));
    }

    /** The whole disk's diff, asked window by window as the copier does. */
    private static SnapshotDiffs.Diff wholeDiff(String newer, String older, long size) {
        List<ByteRange> changed = new ArrayList<>();
        List<ByteRange> cleared = new ArrayList<>();
        for (long at = 0; at < size; at += SnapshotDiffs.MAX_WINDOW_BYTES) {
            SnapshotDiffs.Diff d = DIFFS.diff(newer, older,
                    ByteRange.between(at, Math.min(size, at + SnapshotDiffs.MAX_WINDOW_BYTES)));
            changed.addAll(d.changed());
            cleared.addAll(d.cleared());
        }
        return new SnapshotDiffs.Diff(PageRanges.normalize(changed), PageRanges.normalize(cleared));
    }

    @Test
    void diffReportsWritesTrimsAndOverwritesExactlyAcrossWindows() {
        String diskId = f.demo.sourceDiskIds().get(1);
        PageBlobClient disk = f.arm.blobOf(diskId);
        SnapshotInfo older = snapshot(diskId, "diff-older");
        write(disk, 0, MIB, 10);                          // overwrite of data the snapshot holds
        write(disk, 8 * MIB, 4 * KIB, 11);                // a new 4 KiB block
        clear(disk, 2 * MIB, 64 * KIB);                   // a trim of data the snapshot holds
        write(disk, 300 * MIB, 512 * KIB, 12);            // in the second window
        write(disk, 511 * MIB, 2 * MIB, 13);              // across the boundary of windows 2 and 3
        write(disk, 600 * MIB, MIB, 14);                  // written, then half of it trimmed
        clear(disk, 600 * MIB, 512 * KIB);
        clear(disk, 700 * MIB, 64 * KIB);                 // cleared, then written again
        write(disk, 700 * MIB, 64 * KIB, 15);
        SnapshotInfo newer = snapshot(diskId, "diff-newer");
        write(disk, 900 * MIB, MIB, 16);                  // after the newer snapshot: not in the diff

        SnapshotDiffs.Diff diff = wholeDiff(readUrl(newer), readUrl(older), 1024 * MIB);

        assertEquals(List.of(ByteRange.between(0, MIB), new ByteRange(8 * MIB, 4 * KIB),
                new ByteRange(300 * MIB, 512 * KIB), ByteRange.between(511 * MIB, 513 * MIB),
                ByteRange.between(600 * MIB + 512 * KIB, 601 * MIB), new ByteRange(700 * MIB, 64 * KIB)), diff.changed());
        assertEquals(List.of(new ByteRange(2 * MIB, 64 * KIB), new ByteRange(600 * MIB, 512 * KIB)), diff.cleared());
        // Azurite itself would have answered every allocated range and no cleared one
        List<PageRangeItem> azurite = new ArrayList<>();
        f.arm.blobOf(newer.id()).listPageRangesDiff(new BlobRange(0, 1024 * MIB), "2000-01-01T00:00:00.0000000Z")
                .forEach(azurite::add);
        assertTrue(azurite.stream().noneMatch(PageRangeItem::isClear), "why the stand-in answers diffs itself");
    }

    @Test
    void copierMakesTheReplicaEqualToTheNewerSnapshot() {
        String diskId = f.demo.sourceDiskIds().get(0);
        PageBlobClient disk = f.arm.blobOf(diskId);
        SnapshotInfo older = snapshot(diskId, "copy-older");
        String olderUrl = readUrl(older);
        PageBlobClient replica = replicaOf(olderUrl);
        write(disk, MIB, 3 * MIB, 20);
        clear(disk, 0, 256 * KIB);
        write(disk, 400 * MIB, 6 * MIB, 21);
        SnapshotInfo newer = snapshot(diskId, "copy-newer");
        String newerUrl = readUrl(newer);

        IncrementalCopyCheckpoint cp = IncrementalCopyCheckpoint.start();
        var copy = PageBlobIncrementalCopy.create(DIFFS, newerUrl, olderUrl, replica, PageWriterKind.LOCAL, 4);
        while (!cp.done()) {
            cp = copy.runSlice(cp, new SliceLimits(MIB, Duration.ofMinutes(1)));
        }

        assertEquals(9 * MIB, cp.bytesChanged());
        assertEquals(9 * MIB, cp.bytesWritten());
        assertEquals(256 * KIB, cp.bytesCleared());
        PageBlobClient image = new BlobClientBuilder().endpoint(newerUrl).buildClient().getPageBlobClient();
        List<ByteRange> allocated = allocated(image);
        assertEquals(allocated, allocated(replica));
        assertArrayEquals(sha256(image, allocated), sha256(replica, allocated));
    }

    @Test
    void aDeletedBaseSnapshotIsReportedGone() {
        String diskId = f.demo.sourceDiskIds().get(1);
        SnapshotInfo older = snapshot(diskId, "gone-older");
        String olderUrl = readUrl(older);
        SnapshotInfo newer = snapshot(diskId, "gone-newer");
        f.disks().revoke(older.id());
        f.snapshots().delete(older.id());

        assertThrows(SnapshotDiffs.PreviousSnapshotGoneException.class,
                () -> DIFFS.diff(readUrl(newer), olderUrl, new ByteRange(0, MIB)));
    }

    @Test
    void aBaseOfAnotherDiskOrAFullSnapshotIsReportedGone() {
        SnapshotInfo other = snapshot(f.demo.sourceDiskIds().get(0), "other-disk");
        SnapshotInfo full = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "full-base", "northeurope",
                f.demo.sourceDiskIds().get(1), false, Map.of()));
        SnapshotInfo newer = snapshot(f.demo.sourceDiskIds().get(1), "other-newer");
        String newerUrl = readUrl(newer);

        assertThrows(SnapshotDiffs.PreviousSnapshotGoneException.class,
                () -> DIFFS.diff(newerUrl, readUrl(other), new ByteRange(0, MIB)));
        assertThrows(SnapshotDiffs.PreviousSnapshotGoneException.class,
                () -> DIFFS.diff(newerUrl, readUrl(full), new ByteRange(0, MIB)));
        f.disks().revoke(full.id());
    }

    @Test
    void theEighthIncrementalSnapshotInFiveMinutesIsThrottled() {
        String diskId = f.arm.createDisk(f.arm.subscriptionId(), "app-rg-asr", "limits-" + UUID.randomUUID().toString().substring(0, 6),
                "northeurope", 1, "Premium_LRS");
        MutableClock clock = new MutableClock();
        f.arm.incrementalSnapshotLimits().useClock(clock);
        try {
            for (int i = 0; i < IncrementalSnapshotLimits.MAX_PER_WINDOW; i++) {
                snapshot(diskId, "limit-" + i);
                clock.advance(Duration.ofSeconds(10));
            }
            CloudException.Throttled e = assertThrows(CloudException.Throttled.class, () -> snapshot(diskId, "limit-7"));
            assertTrue(e.retryAfter() != null && e.retryAfter().toSeconds() > 0, "Retry-After tells when: " + e);

            clock.advance(IncrementalSnapshotLimits.WINDOW);
            assertEquals("Succeeded", snapshot(diskId, "limit-7").provisioningState());
        } finally {
            f.arm.incrementalSnapshotLimits().useClock(Clock.systemUTC());
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A replica in the primary region holding the older snapshot's image (a full delta sync of it). */
    private static PageBlobClient replicaOf(String snapshotUrl) {
        PageBlobClient source = new BlobClientBuilder().endpoint(snapshotUrl).buildClient().getPageBlobClient();
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString("primaryregion")).buildClient()
                .getBlobContainerClient("replicas-" + UUID.randomUUID().toString().substring(0, 8));
        container.create();
        PageBlobClient replica = container.getBlobClient("disk.vhd").getPageBlobClient();
        replica.create(source.getProperties().getBlobSize());
        PageBlobSync.engine(source, replica, PageWriterKind.LOCAL, null, DeltaSyncOptions.defaults())
                .runSlice(SyncCheckpoint.start(null), SliceLimits.unlimited());
        return replica;
    }

    private static List<ByteRange> allocated(PageBlobClient blob) {
        List<ByteRange> out = new ArrayList<>();
        for (PageRangeItem item : blob.listPageRanges(new BlobRange(0, blob.getProperties().getBlobSize()))) {
            if (!item.isClear()) {
                out.add(new ByteRange(item.getRange().getOffset(), item.getRange().getLength()));
            }
        }
        return PageRanges.normalize(out);
    }

    private static byte[] sha256(PageBlobClient blob, List<ByteRange> ranges) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ByteRange piece : PageRanges.coalesce(ranges, 4 * MIB)) {
                sha.update(blob.downloadContentWithResponse(null, null, new BlobRange(piece.offset(), piece.length()),
                        false, null, null).getValue().toBytes());
            }
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

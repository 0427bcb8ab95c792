package io.reprotect.sync.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.ChainBrokenException;
import io.reprotect.sync.IncrementalCopy;
import io.reprotect.sync.IncrementalCopyCheckpoint;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SnapshotDiffs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incremental copier on Azurite page blobs, with the diff told by the test (what the disk's
 * writes were): the ARM stand-in's real diff is exercised in {@code StandInSnapshotDiffsTest}.
 */
class IncrementalCopyTest {

    private static final long MIB = 1 << 20;
    private static AzuriteDisks disks;

    @BeforeAll
    static void containers() {
        disks = new AzuriteDisks("incr-copy");
    }

    @AfterAll
    static void cleanUp() {
        disks.deleteContainers();
    }

    /** A diff that answers the ranges the test wrote and cleared between two snapshots. */
    private static final class KnownDiff implements SnapshotDiffs {
        final List<ByteRange> changed = new ArrayList<>();
        final List<ByteRange> cleared = new ArrayList<>();
        final List<ByteRange> windowsAsked = new ArrayList<>();
        boolean gone;

        @Override
        public Diff diff(String snapshotReadUrl, String previousSnapshotReadUrl, ByteRange window) {
            windowsAsked.add(window);
            if (gone) {
                throw new PreviousSnapshotGoneException("PreviousSnapshotNotFound", null);
            }
            return new Diff(PageRanges.clip(changed, window), PageRanges.clip(cleared, window));
        }
    }

    private record Chain(BlobClient disk, SourceSnapshot older, SourceSnapshot newer, PageBlobClient replica,
            KnownDiff diff) {
    }

    /** A disk with 12 MiB written, its snapshot, a replica equal to it, then writes, trims, overwrites and a snapshot. */
    private static Chain chain(String name, long sizeBytes, long grownSizeBytes) {
        BlobClient disk = AzuriteDisks.create(disks.secondary, name, sizeBytes);
        PageBlobClient pages = disk.getPageBlobClient();
        AzuriteDisks.write(pages, 0, bytes(1, (int) (12 * MIB)));
        SourceSnapshot older = SourceSnapshot.take(disk);
        PageBlobClient replica = AzuriteDisks.create(disks.primary, name + "-replica", sizeBytes).getPageBlobClient();
        AzuriteDisks.write(replica, 0, bytes(1, (int) (12 * MIB)));

        KnownDiff diff = new KnownDiff();
        if (grownSizeBytes != sizeBytes) {
            pages.resize(grownSizeBytes);
        }
        write(pages, diff, 4096, bytes(2, 8192));                         // small overwrite
        write(pages, diff, 5 * MIB, bytes(3, (int) (6 * MIB)));            // overwrite crossing Put Page limits
        write(pages, diff, 40 * MIB, bytes(4, 512));                       // one page in unallocated space
        write(pages, diff, grownSizeBytes - MIB, bytes(5, (int) MIB));     // the last MiB (in the grown part if grown)
        AzuriteDisks.clear(pages, 11 * MIB, MIB);                          // a trim
        diff.cleared.add(new ByteRange(11 * MIB, MIB));
        List<ByteRange> stillWritten = PageRanges.subtract(diff.changed, diff.cleared);
        diff.changed.clear();
        diff.changed.addAll(stillWritten);
        return new Chain(disk, older, SourceSnapshot.take(disk), replica, diff);
    }

    private static void write(PageBlobClient pages, KnownDiff diff, long offset, byte[] bytes) {
        AzuriteDisks.write(pages, offset, bytes);
        diff.changed.add(new ByteRange(offset, bytes.length));
    }

    private static byte[] bytes(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static IncrementalCopy copier(Chain c, PageWriterKind kind) {
        return PageBlobIncrementalCopy.create(c.diff(), c.newer().readUrl(Duration.ofHours(1)),
                c.older().readUrl(Duration.ofHours(1)), c.replica(), kind, 4);
    }

    private static void assertReplicaEqualsNewer(Chain c) {
        PageBlobClient newer = c.newer().pageBlob();
        assertEquals(newer.getProperties().getBlobSize(), c.replica().getProperties().getBlobSize());
        List<ByteRange> allocated = AzuriteDisks.ranges(newer);
        assertEquals(allocated, AzuriteDisks.ranges(c.replica()));
        assertArrayEquals(AzuriteDisks.sha256(newer, allocated), AzuriteDisks.sha256(c.replica(), allocated));
    }

    @Test
    void replicaBecomesTheNewerSnapshotWritingOnlyWhatChanged() {
        Chain c = chain("writes-trims", 64 * MIB, 64 * MIB);
        IncrementalCopyCheckpoint cp = IncrementalCopyCheckpoint.start();
        cp = copier(c, PageWriterKind.LOCAL).runSlice(cp, SliceLimits.unlimited());

        assertTrue(cp.done());
        assertReplicaEqualsNewer(c);
        long changed = PageRanges.totalBytes(c.diff().changed);
        assertEquals(changed, cp.bytesChanged());
        assertEquals(changed, cp.bytesWritten(), "writes exactly the changed bytes");
        assertEquals(changed, cp.bytesRead(), "the local writer reads the changed bytes, nothing else");
        assertEquals(MIB, cp.bytesCleared());
    }

    @Test
    void smallSlicesResumeFromTheirCheckpointsAndARepeatedSliceChangesNothingMore() {
        Chain c = chain("slices", 1024 * MIB, 1024 * MIB);
        IncrementalCopy copy = copier(c, PageWriterKind.LOCAL);
        SliceLimits tiny = new SliceLimits(1, Duration.ofMinutes(1));
        IncrementalCopyCheckpoint cp = IncrementalCopyCheckpoint.start();
        IncrementalCopyCheckpoint previous = cp;
        int slices = 0;
        while (!cp.done()) {
            previous = cp;
            cp = copy.runSlice(cp, tiny);
            slices++;
        }
        assertTrue(slices >= 2, "a window with changes ends a slice over its byte limit, was " + slices);
        copy.runSlice(previous, tiny); // the last slice again, as after a crash before its checkpoint was saved
        assertReplicaEqualsNewer(c);
        assertTrue(c.diff().windowsAsked.stream().allMatch(w -> w.length() <= SnapshotDiffs.MAX_WINDOW_BYTES));
    }

    @Test
    void nearbyChangesShareWritesOfAtMostFourMiBAndTheReplicaReadsAsTheNewerSnapshot() {
        Chain c = chain("bridged", 64 * MIB, 64 * MIB);
        for (long at = 16 * MIB; at < 24 * MIB; at += 8192) { // 4 KiB every 8 KiB: 1,024 changes
            write(c.disk().getPageBlobClient(), c.diff(), at, bytes(at, 4096));
        }
        Chain newer = new Chain(c.disk(), c.older(), SourceSnapshot.take(c.disk()), c.replica(), c.diff());
        IncrementalCopyCheckpoint cp = copier(newer, PageWriterKind.LOCAL)
                .bridgingGapsUpTo(IncrementalCopy.DEFAULT_BRIDGED_GAP_BYTES)
                .runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());

        assertTrue(cp.done());
        assertTrue(cp.writeCalls() <= 8, "8 MiB of nearby changes in 4 MiB writes (plus the others), was " + cp.writeCalls());
        List<ByteRange> whole = List.of(new ByteRange(0, 64 * MIB));
        assertArrayEquals(AzuriteDisks.sha256(newer.newer().pageBlob(), whole), AzuriteDisks.sha256(c.replica(), whole),
                "the replica's contents equal the newer snapshot's");
    }

    @Test
    void aDiskThatGrewGrowsTheReplica() {
        Chain c = chain("grown", 64 * MIB, 96 * MIB);
        IncrementalCopyCheckpoint cp = copier(c, PageWriterKind.LOCAL).runSlice(IncrementalCopyCheckpoint.start(),
                SliceLimits.unlimited());
        assertTrue(cp.done());
        assertEquals(96 * MIB, cp.sizeBytes());
        assertReplicaEqualsNewer(c);
    }

    @Test
    void aDiskThatShrankBreaksTheChain() {
        BlobClient disk = AzuriteDisks.create(disks.secondary, "shrunk", 8 * MIB);
        SourceSnapshot older = SourceSnapshot.take(disk);
        disk.getPageBlobClient().resize(4 * MIB);
        SourceSnapshot newer = SourceSnapshot.take(disk);
        PageBlobClient replica = AzuriteDisks.create(disks.primary, "shrunk-replica", 8 * MIB).getPageBlobClient();
        Chain c = new Chain(disk, older, newer, replica, new KnownDiff());

        ChainBrokenException e = assertThrows(ChainBrokenException.class,
                () -> copier(c, PageWriterKind.LOCAL).runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited()));
        assertTrue(e.getMessage().contains("shrank"), e.getMessage());
    }

    @Test
    void aBaseSnapshotThatIsGoneBreaksTheChain() {
        Chain c = chain("gone", 64 * MIB, 64 * MIB);
        c.diff().gone = true;
        assertThrows(ChainBrokenException.class,
                () -> copier(c, PageWriterKind.LOCAL).runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited()));
    }

    @Test
    void aReplicaThatDoesNotHoldTheOlderImageBreaksTheChain() {
        Chain c = chain("wrong-replica", 64 * MIB, 64 * MIB);
        c.replica().resize(80 * MIB);
        assertThrows(ChainBrokenException.class,
                () -> copier(c, PageWriterKind.LOCAL).runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited()));
    }
}

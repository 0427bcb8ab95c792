package io.reprotect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.azure.ArmManagers;
import io.reprotect.cloud.azure.ArmSettings;
import io.reprotect.cloud.azure.AzureManagedDisks;
import io.reprotect.cloud.azure.AzureSnapshots;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.IncrementalCopy;
import io.reprotect.sync.IncrementalCopyCheckpoint;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.PageWriter;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SnapshotDiffs;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.blob.AzuriteDisks;
import io.reprotect.sync.blob.PageBlobIncrementalCopy;
import io.reprotect.sync.blob.PageBlobRangeReader;
import io.reprotect.sync.blob.PageBlobSnapshotDiffs;
import io.reprotect.sync.blob.PageBlobSync;
import io.reprotect.sync.blob.PageWriterKind;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: replication's data path. Two 1 GiB disks (half allocated) on the ARM
 * stand-in, 1% churn per cycle (random 64 KiB-1 MiB writes, a tenth of them trims), 30 cycles at a
 * 1-minute frequency (the stand-in's snapshot-limit clock moves a minute per cycle; wall time does
 * not wait). Each cycle takes an incremental snapshot of each disk through azure-resourcemanager,
 * grants read SAS URLs, and copies what changed with {@link IncrementalCopy} through the real
 * {@link PageBlobSnapshotDiffs}; the older snapshot is then revoked and deleted. At the end, a full
 * delta-sync compare of the same state is timed. Run:
 * {@code ./mvnw -B test -Dtest=IncrementalCopyBenchmark -Dreprotect.benchmark=true}. Writes
 * target/benchmark-incremental-copy.md.
 */
@EnabledIfSystemProperty(named = "reprotect.benchmark", matches = "true")
class IncrementalCopyBenchmark {

    private static final long MIB = 1 << 20;
    private static final long DISK_BYTES = 1024 * MIB;
    private static final int CYCLES = Integer.getInteger("reprotect.benchmark.cycles", 30);
    private static final long CHURN_BYTES = DISK_BYTES / 100;
    private static final SnapshotDiffs DIFFS = new PageBlobSnapshotDiffs();

    /** What one cycle did to one disk. */
    private record DiskCycle(long changedTruth, IncrementalCopyCheckpoint local, long fromUrlRead,
            long fromUrlRequests, long fromUrlWritten) {
    }

    private record Disk(String id, PageBlobClient blob, PageBlobClient replica) {
    }

    @Test
    void run() throws Exception {
        ArmStandIn arm = ArmStandIn.start();
        MovingClock clock = new MovingClock();
        arm.incrementalSnapshotLimits().useClock(clock);
        ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionId(),
                Duration.ofMillis(20)));
        AzureSnapshots snapshots = new AzureSnapshots(managers);
        AzureManagedDisks access = new AzureManagedDisks(managers);
        AzuriteDisks replicas = new AzuriteDisks("incr-bench");
        arm.createResourceGroup(arm.subscriptionId(), "bench-rg", "northeurope", Map.of());
        Random random = new Random(2026);
        try {
            List<Disk> disks = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                String id = arm.createDisk(arm.subscriptionId(), "bench-rg", "disk-" + d, "northeurope", 1, "Premium_LRS");
                PageBlobClient blob = arm.blobOf(id);
                for (long at = 0; at < DISK_BYTES; at += 2 * MIB) { // half allocated: every other MiB
                    write(blob, at, (int) MIB, random);
                }
                disks.add(new Disk(id, blob, replicaBlob(replicas.primary, "replica-" + d)));
            }
            String[] base = new String[2];
            String[] baseUrl = new String[2];
            for (int d = 0; d < 2; d++) {
                base[d] = snapshot(snapshots, disks.get(d).id(), "s-" + d + "-0");
                baseUrl[d] = access.grantRead(base[d], Duration.ofHours(1)).sasUrl().toString();
                seed(baseUrl[d], disks.get(d).replica());
            }

            List<DiskCycle> results = new ArrayList<>();
            List<Long> cycleMillis = new ArrayList<>();
            List<Long> snapshotMillis = new ArrayList<>();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                clock.advance(Duration.ofMinutes(1));
                long[] truth = new long[2];
                for (int d = 0; d < 2; d++) {
                    truth[d] = churn(disks.get(d).blob(), random);
                }
                long snapStart = System.nanoTime();
                String[] next = new String[2];
                String[] nextUrl = new String[2];
                for (int d = 0; d < 2; d++) {
                    next[d] = snapshot(snapshots, disks.get(d).id(), "s-" + d + "-" + cycle);
                    nextUrl[d] = access.grantRead(next[d], Duration.ofHours(1)).sasUrl().toString();
                }
                snapshotMillis.add((System.nanoTime() - snapStart) / 1_000_000);
                List<DiskCycle> thisCycle = new ArrayList<>();
                for (int d = 0; d < 2; d++) {
                    DryFromUrlWriter dry = new DryFromUrlWriter();
                    IncrementalCopyCheckpoint fromUrl = copier(nextUrl[d], baseUrl[d], disks.get(d).replica(), dry)
                            .runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());
                    IncrementalCopyCheckpoint local = PageBlobIncrementalCopy.create(DIFFS, nextUrl[d], baseUrl[d],
                            disks.get(d).replica(), PageWriterKind.LOCAL, 4)
                            .runSlice(IncrementalCopyCheckpoint.start(), SliceLimits.unlimited());
                    thisCycle.add(new DiskCycle(truth[d], local, fromUrl.bytesRead(), fromUrl.requests(),
                            dry.written.sum()));
                }
                // the cycle's wall time counts the local copies only (the dry from-url pass writes nothing)
                cycleMillis.add(thisCycle.stream().mapToLong(c -> c.local().activeMillis()).sum());
                results.addAll(thisCycle);
                for (int d = 0; d < 2; d++) {
                    access.revoke(base[d]);
                    snapshots.delete(base[d]);
                    base[d] = next[d];
                    baseUrl[d] = nextUrl[d];
                }
                System.out.printf(Locale.ROOT, "cycle %d: %d ms copy, %d ms snapshots%n", cycle,
                        cycleMillis.get(cycleMillis.size() - 1), snapshotMillis.get(snapshotMillis.size() - 1));
            }

            // The full compare of the same state is also the check: it writes and clears nothing only if
            // every replica already equals its newest snapshot, page ranges and bytes.
            long fullCompareMillis = 0;
            for (int d = 0; d < 2; d++) {
                long t0 = System.nanoTime();
                SliceResult compare = PageBlobSync.engine(PageBlobIncrementalCopy.fromUrl(baseUrl[d]),
                        disks.get(d).replica(), PageWriterKind.LOCAL, null, DeltaSyncOptions.defaults())
                        .runSlice(SyncCheckpoint.start(null), SliceLimits.unlimited());
                fullCompareMillis += (System.nanoTime() - t0) / 1_000_000;
                assertEquals(0, compare.progress().bytesWritten(), "replica " + d + " bytes equal the snapshot");
                assertEquals(0, compare.progress().bytesCleared(), "replica " + d + " ranges equal the snapshot");
            }
            String table = table(results, cycleMillis, snapshotMillis, fullCompareMillis);
            System.out.println(table);
            Files.writeString(Path.of("target/benchmark-incremental-copy.md"), table, StandardCharsets.UTF_8);
        } finally {
            arm.close();
            try {
                replicas.deleteContainers();
            } catch (RuntimeException e) {
                System.out.println("Could not delete the benchmark's containers: " + e);
            }
        }
    }

    private static IncrementalCopy copier(String newUrl, String oldUrl, PageBlobClient replica, PageWriter writer) {
        PageBlobClient snapshot = PageBlobIncrementalCopy.fromUrl(newUrl);
        IncrementalCopy.Replica target = new IncrementalCopy.Replica() {
            @Override
            public long sizeBytes() {
                return replica.getProperties().getBlobSize();
            }

            @Override
            public void resize(long bytes) {
                replica.resize(bytes);
            }
        };
        return new IncrementalCopy(DIFFS, newUrl, oldUrl, new PageBlobRangeReader(snapshot),
                new PageBlobRangeReader(PageBlobIncrementalCopy.fromUrl(oldUrl)), target, writer, 4);
    }

    /**
     * Stands for Put Page From URL, which Azurite lacks: it needs no source bytes (so the copier
     * reads none) and counts what it would send, without writing.
     */
    private static final class DryFromUrlWriter implements PageWriter {
        final LongAdder written = new LongAdder();

        @Override
        public boolean needsSourceBytes() {
            return false;
        }

        @Override
        public void writePages(ByteRange range, ByteBuffer sourceBytes) {
            written.add(range.length());
        }

        @Override
        public void clearPages(ByteRange range) {
        }
    }

    /**
     * 1% of the disk in random writes of 64 KiB to 1 MiB (64 KiB aligned), a tenth of them trims;
     * returns the distinct bytes written. (With 4 KiB writes, Azurite's Get Page Ranges on the
     * fragmented blobs times out after a few cycles.)
     */
    private static long churn(PageBlobClient disk, Random random) {
        List<ByteRange> written = new ArrayList<>();
        long total = 0;
        while (total < CHURN_BYTES) {
            int length = (1 + random.nextInt(16)) * 65536;
            long offset = (long) random.nextInt((int) ((DISK_BYTES - length) / 65536)) * 65536;
            if (random.nextInt(10) == 0) {
                disk.clearPages(new PageRange().setStart(offset).setEnd(offset + length - 1));
                written = PageRanges.subtract(written, List.of(new ByteRange(offset, length)));
            } else {
                write(disk, offset, length, random);
                written = PageRanges.union(written, List.of(new ByteRange(offset, length)));
            }
            total += length;
        }
        return PageRanges.totalBytes(written);
    }

    private static void write(PageBlobClient blob, long offset, int length, Random random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        blob.uploadPages(new PageRange().setStart(offset).setEnd(offset + length - 1), new ByteArrayInputStream(bytes));
    }

    private static String snapshot(AzureSnapshots snapshots, String diskId, String name) {
        return snapshots.create(new SnapshotSpec(diskId.split("/")[2], "bench-rg", name, "northeurope", diskId, true, Map.of())).id();
    }

    private static PageBlobClient replicaBlob(BlobContainerClient container, String name) {
        return AzuriteDisks.create(container, name, DISK_BYTES).getPageBlobClient();
    }

    /** The replica starts as the first snapshot's image (what reprotect's resync leaves). */
    private static void seed(String snapshotUrl, PageBlobClient replica) {
        PageBlobSync.engine(PageBlobIncrementalCopy.fromUrl(snapshotUrl), replica, PageWriterKind.LOCAL, null,
                DeltaSyncOptions.defaults()).runSlice(SyncCheckpoint.start(null), SliceLimits.unlimited());
    }

    private static String table(List<DiskCycle> rows, List<Long> cycleMillis, List<Long> snapshotMillis,
            long fullCompareMillis) {
        long changed = rows.stream().mapToLong(DiskCycle::changedTruth).sum();
        long written = rows.stream().mapToLong(r -> r.local().bytesWritten()).sum();
        long reportedChanged = rows.stream().mapToLong(r -> r.local().bytesChanged()).sum();
        long localRead = rows.stream().mapToLong(r -> r.local().bytesRead()).sum();
        long fromUrlRead = rows.stream().mapToLong(DiskCycle::fromUrlRead).sum();
        long fromUrlWritten = rows.stream().mapToLong(DiskCycle::fromUrlWritten).sum();
        long localRequests = rows.stream().mapToLong(r -> r.local().requests()).sum();
        long fromUrlRequests = rows.stream().mapToLong(DiskCycle::fromUrlRequests).sum();
        long cleared = rows.stream().mapToLong(r -> r.local().bytesCleared()).sum();
        int cycles = cycleMillis.size();
        double meanCycle = cycleMillis.stream().mapToLong(Long::longValue).average().orElse(0);
        StringBuilder t = new StringBuilder();
        t.append("| Measure | Result |\n|---|---|\n");
        row(t, "Cycles x disks", cycles + " x 2 (1 GiB each, 512 MiB allocated)");
        row(t, "Bytes changed per cycle (distinct bytes the workload wrote, both disks, mean)", mib(changed / cycles));
        row(t, "Bytes the diffs reported changed per cycle (mean)", mib(reportedChanged / cycles));
        row(t, "Bytes cleared per cycle (mean)", mib(cleared / cycles));
        row(t, "Written to replicas / changed", String.format(Locale.ROOT, "%.3f", (double) written / changed));
        row(t, "Bytes the app reads per cycle, from-url writer (mean)", mib(fromUrlRead / cycles)
                + " (it would send " + mib(fromUrlWritten / cycles) + " as Put Page From URL ranges)");
        row(t, "Bytes the app reads per cycle, local writer (mean)", mib(localRead / cycles));
        row(t, "Requests per cycle, from-url writer (mean)", String.valueOf(fromUrlRequests / cycles));
        row(t, "Requests per cycle, local writer (mean)", String.valueOf(localRequests / cycles));
        row(t, "Copy wall time per cycle, local writer (mean / max)", String.format(Locale.ROOT, "%.0f ms / %d ms",
                meanCycle, cycleMillis.stream().mapToLong(Long::longValue).max().orElse(0)));
        row(t, "Snapshot + grant per cycle through ARM (mean)", String.format(Locale.ROOT, "%.0f ms",
                snapshotMillis.stream().mapToLong(Long::longValue).average().orElse(0)));
        row(t, "Full delta-sync compare of the same state (both disks)", fullCompareMillis + " ms");
        row(t, "Copy wall time / full compare", String.format(Locale.ROOT, "%.3f", meanCycle / fullCompareMillis));
        return t.toString();
    }

    private static void row(StringBuilder t, String measure, String result) {
        t.append("| ").append(measure).append(" | ").append(result).append(" |\n");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (double) MIB);
    }

    /** The snapshot-limit clock: a minute per cycle, as at a 1-minute frequency. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

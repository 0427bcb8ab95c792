package io.reprotect.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.DeltaSyncEngine;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.SliceLimits;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.blob.AzuriteDisks;
import io.reprotect.sync.blob.BenchmarkImages;
import io.reprotect.sync.blob.PageBlobSync;
import io.reprotect.sync.blob.PageWriterKind;
import io.reprotect.sync.blob.SourceSnapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: 1 GiB disks, 60% allocated, patterns P0-P4 on the local Azurite, against a
 * full copy and rsync. Run: {@code ./mvnw -B test -Dtest=DeltaSyncBenchmark -Dreprotect.benchmark=true}.
 * Writes target/benchmark-delta-sync.md.
 */
@EnabledIfSystemProperty(named = "reprotect.benchmark", matches = "true")
class DeltaSyncBenchmark {

    private static final long MIB = BenchmarkImages.MIB;
    private static final long DISK_BYTES = 1024 * MIB;
    private static final SliceLimits SLICE = new SliceLimits(256 * MIB, Duration.ofMinutes(4));
    private static final Pattern LITERAL = Pattern.compile("Literal data: ([0-9,]+) bytes");

    private record Row(String pattern, long changed, SliceResult delta, long deltaMillis, long fullMillis,
            long rsyncLiteral, long rsyncMillis, long peakHeapBytes) {
    }

    @Test
    void run() throws Exception {
        AzuriteDisks disks = new AzuriteDisks("sync-bench");
        Path dir = Files.createTempDirectory("delta-sync-bench");
        BenchmarkImages images = new BenchmarkImages(DISK_BYTES, 2026);
        Path baseFile = dir.resolve("base.img");
        BenchmarkImages.createSparseFile(baseFile, DISK_BYTES);
        try (RandomAccessFile out = new RandomAccessFile(baseFile.toFile(), "rw")) {
            for (int i = 0; i < images.layout.size(); i++) {
                out.seek(images.layout.get(i).offset());
                out.write(images.baseBytes(i));
            }
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (String pattern : List.of("P0", "P1", "P2", "P3", "P4")) {
                rows.add(runPattern(pattern, disks, images, baseFile, dir));
                System.out.println(table(rows, images.allocatedBytes()));
            }
        } finally {
            disks.deleteContainers();
        }
        String table = table(rows, images.allocatedBytes());
        System.out.println(table);
        Files.writeString(Path.of("target/benchmark-delta-sync.md"), table, StandardCharsets.UTF_8);
    }

    private Row runPattern(String pattern, AzuriteDisks disks, BenchmarkImages images, Path baseFile, Path dir)
            throws Exception {
        // Written, not copied: Azurite's in-memory copy of a page blob shares page state with its source.
        BlobClient source = AzuriteDisks.create(disks.primary, "source-" + pattern, DISK_BYTES);
        BlobClient replica = AzuriteDisks.create(disks.secondary, "replica-" + pattern, DISK_BYTES);
        writeBase(images, source.getPageBlobClient(), replica.getPageBlobClient());
        Path sourceFile = dir.resolve("source.img");
        Path seedFile = dir.resolve("seed.img");
        exec(List.of("cp", "--sparse=always", baseFile.toString(), sourceFile.toString()));
        exec(List.of("cp", "--sparse=always", baseFile.toString(), seedFile.toString()));
        long changed = change(pattern, images, source.getPageBlobClient(), sourceFile);
        SourceSnapshot snapshot = SourceSnapshot.take(source);

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        SliceResult delta = syncAll(PageBlobSync.engine(snapshot, replica.getPageBlobClient(), PageWriterKind.LOCAL,
                null, DeltaSyncOptions.defaults()), snapshot.snapshotId());
        long deltaMillis = (System.nanoTime() - started) / 1_000_000;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        verifyEqual(snapshot.pageBlob(), replica.getPageBlobClient());

        PageBlobClient fresh = AzuriteDisks.create(disks.secondary, "full-" + pattern, DISK_BYTES).getPageBlobClient();
        started = System.nanoTime();
        syncAll(PageBlobSync.engine(snapshot, fresh, PageWriterKind.LOCAL, null, DeltaSyncOptions.defaults()), null);
        long fullMillis = (System.nanoTime() - started) / 1_000_000;

        started = System.nanoTime();
        String stats = exec(List.of("rsync", "--inplace", "--no-whole-file", "--ignore-times", "--stats",
                sourceFile.toString(), seedFile.toString()));
        long rsyncMillis = (System.nanoTime() - started) / 1_000_000;
        Matcher literal = LITERAL.matcher(stats);
        long rsyncLiteral = literal.find() ? Long.parseLong(literal.group(1).replace(",", "")) : -1;
        assertEquals(-1, Files.mismatch(sourceFile, seedFile), "rsync result");

        fresh.delete();
        replica.delete();
        snapshot.delete();
        source.delete();
        return new Row(pattern, changed, delta, deltaMillis, fullMillis, rsyncLiteral, rsyncMillis, peakHeap);
    }

    private static SliceResult syncAll(DeltaSyncEngine engine, String snapshotId) {
        SliceResult result = engine.runSlice(SyncCheckpoint.start(snapshotId), SLICE);
        while (!result.done()) {
            result = engine.runSlice(result.checkpoint(), SLICE);
        }
        return result;
    }

    /** Applies a pattern to the source blob and file alike; returns the bytes changed. */
    private static long change(String pattern, BenchmarkImages images, PageBlobClient blob, Path file) {
        long allocated = images.allocatedBytes();
        List<ByteRange> changed = new ArrayList<>();
        switch (pattern) {
            case "P1" -> scatter(images, blob, file, allocated / 100, 4096, changed);
            case "P2" -> scatter(images, blob, file, allocated / 100, allocated / 100 / 10 / 4096 * 4096, changed);
            case "P3" -> scatter(images, blob, file, allocated / 10, 64 * 1024, changed);
            case "P4" -> images.layout.forEach(r -> {
                BenchmarkImages.write(blob, file, r.offset(), images.randomBytes(r.length()));
                changed.add(r);
            });
            default -> { }
        }
        return PageRanges.totalBytes(PageRanges.normalize(changed));
    }

    private static void scatter(BenchmarkImages images, PageBlobClient blob, Path file, long total, long each,
            List<ByteRange> changed) {
        for (long done = 0; done < total; done += each) {
            long offset = images.randomAllocatedOffset(each);
            BenchmarkImages.write(blob, file, offset, images.randomBytes(each));
            changed.add(new ByteRange(offset, each));
        }
    }

    private static void writeBase(BenchmarkImages images, PageBlobClient source, PageBlobClient replica)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < images.layout.size(); i++) {
                int extent = i;
                writes.add(pool.submit(() -> {
                    byte[] bytes = images.baseBytes(extent);
                    AzuriteDisks.write(source, images.layout.get(extent).offset(), bytes);
                    AzuriteDisks.write(replica, images.layout.get(extent).offset(), bytes);
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void verifyEqual(PageBlobClient expected, PageBlobClient actual) {
        assertEquals(AzuriteDisks.ranges(expected), AzuriteDisks.ranges(actual), "page ranges");
        // Same page ranges, so unallocated pages are zeros on both: compare the allocated bytes only.
        List<ByteRange> ranges = AzuriteDisks.ranges(expected);
        assertArrayEquals(AzuriteDisks.sha256(expected, ranges), AzuriteDisks.sha256(actual, ranges), "bytes");
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
        return output;
    }

    private static String table(List<Row> rows, long allocated) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Disk %d MiB, allocated %d MiB (%.0f%%), chunk 4 MiB, block 4 KiB, parallelism 4, writer local%n%n",
                DISK_BYTES / MIB, allocated / MIB, 100.0 * allocated / DISK_BYTES));
        out.append("| Pattern | Changed MiB | Written MiB | Written / changed | Read / allocated | Requests "
                + "| Delta s | Full copy s | Delta / full | rsync literal MiB | Written / rsync literal | rsync s "
                + "| Peak heap MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            var p = r.delta().progress();
            out.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.2f | %s | %.2f | %d | %.1f | %.1f | %.2f | %.2f | %s | %.1f | %d |%n",
                    r.pattern(), mib(r.changed()), mib(p.bytesWritten()),
                    r.changed() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) p.bytesWritten() / r.changed()),
                    (double) p.bytesRead() / allocated, p.requests(), r.deltaMillis() / 1000.0,
                    r.fullMillis() / 1000.0, (double) r.deltaMillis() / r.fullMillis(), mib(r.rsyncLiteral()),
                    r.rsyncLiteral() <= 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", (double) p.bytesWritten() / r.rsyncLiteral()),
                    r.rsyncMillis() / 1000.0, r.peakHeapBytes() / MIB));
        }
        return out.toString();
    }

    private static double mib(long bytes) {
        return bytes / (double) MIB;
    }
}

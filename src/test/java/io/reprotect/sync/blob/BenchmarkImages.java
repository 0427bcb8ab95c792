package io.reprotect.sync.blob;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageRanges;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Disk images for the benchmark: a base layout, and changes applied alike to a page blob and a local file. */
public final class BenchmarkImages {

    public static final long MIB = 1024 * 1024;
    private final SplittableRandom random;
    public final long diskBytes;
    public final List<ByteRange> layout = new ArrayList<>();

    /** Allocates 6 MiB of every 10 MiB region, at a random 64 KiB-aligned place in the region. */
    public BenchmarkImages(long diskBytes, long seed) {
        this.diskBytes = diskBytes;
        this.random = new SplittableRandom(seed);
        for (long region = 0; region + 10 * MIB <= diskBytes; region += 10 * MIB) {
            long shift = random.nextInt(64) * 64 * 1024L;
            layout.add(new ByteRange(region + shift, 6 * MIB));
        }
    }

    public long allocatedBytes() {
        return PageRanges.totalBytes(layout);
    }

    public byte[] randomBytes(long length) {
        return randomBytes(random, length);
    }

    /** The base content of extent i of the layout: the same on every call. */
    public byte[] baseBytes(int i) {
        return randomBytes(new SplittableRandom(31L * i + 17), layout.get(i).length());
    }

    private static byte[] randomBytes(SplittableRandom random, long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        for (int i = 0; i < bytes.length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < bytes.length; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }

    /** A random offset aligned to length such that [offset, offset + length) is allocated. */
    public long randomAllocatedOffset(long length) {
        while (true) {
            ByteRange extent = layout.get(random.nextInt(layout.size()));
            long slots = extent.length() / length;
            long offset = extent.offset() + random.nextLong(slots) * length;
            offset -= offset % length;
            if (offset >= extent.offset() && offset + length <= extent.end()) {
                return offset;
            }
        }
    }

    /** Writes the same bytes to a blob and a file. */
    public static void write(PageBlobClient blob, Path file, long offset, byte[] bytes) {
        AzuriteDisks.write(blob, offset, bytes);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(offset);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void createSparseFile(Path file, long sizeBytes) {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(0);
            out.setLength(sizeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

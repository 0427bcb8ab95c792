package io.reprotect.sync.blob;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageBlobLimits;
import io.reprotect.sync.PageRanges;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Page blobs on the local Azurite for sync tests and the benchmark: one container per test class. */
public final class AzuriteDisks {

    public final BlobContainerClient primary;
    public final BlobContainerClient secondary;

    public AzuriteDisks(String prefix) {
        AzuriteLauncher.ensureRunning();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        primary = container("primaryregion", name);
        secondary = container("secondaryregion", name);
    }

    private static BlobContainerClient container(String account, String name) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString(account)).buildClient()
                .getBlobContainerClient(name);
        container.createIfNotExists();
        return container;
    }

    public void deleteContainers() {
        primary.deleteIfExists();
        secondary.deleteIfExists();
    }

    public static BlobClient create(BlobContainerClient container, String name, long sizeBytes) {
        BlobClient blob = container.getBlobClient(name);
        blob.getPageBlobClient().create(sizeBytes, true);
        return blob;
    }

    /** Writes bytes at offset with Put Page, 4 MiB at a time. */
    public static void write(PageBlobClient blob, long offset, byte[] bytes) {
        for (int done = 0; done < bytes.length; done += PageBlobLimits.MAX_PUT_PAGE_BYTES) {
            int length = Math.min(PageBlobLimits.MAX_PUT_PAGE_BYTES, bytes.length - done);
            blob.uploadPages(new PageRange().setStart(offset + done).setEnd(offset + done + length - 1),
                    new ByteArrayInputStream(bytes, done, length));
        }
    }

    public static void clear(PageBlobClient blob, long offset, long length) {
        blob.clearPages(new PageRange().setStart(offset).setEnd(offset + length - 1));
    }

    /** Normalised allocated ranges of the whole blob. */
    public static List<ByteRange> ranges(PageBlobClient blob) {
        long size = blob.getProperties().getBlobSize();
        return PageRanges.normalize(new PageBlobRangeReader(blob).allocatedRanges(new ByteRange(0, size)));
    }

    /** SHA-256 of the whole blob, read in 4 MiB ranges (unallocated pages read as zeros). */
    public static byte[] sha256(PageBlobClient blob) {
        return sha256(blob, List.of(new ByteRange(0, blob.getProperties().getBlobSize())));
    }

    /** SHA-256 of the bytes of blob in ranges, read in 4 MiB pieces. */
    public static byte[] sha256(PageBlobClient blob, List<ByteRange> ranges) {
        MessageDigest sha = newSha256();
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                sha.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sha.update(b, off, len);
            }
        };
        for (ByteRange piece : PageRanges.coalesce(ranges, PageBlobLimits.MAX_PUT_PAGE_BYTES)) {
            blob.downloadStreamWithResponse(sink, new BlobRange(piece.offset(), piece.length()), null, null, false,
                    null, null);
        }
        return sha.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<ByteRange> list(ByteRange... ranges) {
        return new ArrayList<>(List.of(ranges));
    }
}

package io.reprotect.sync.blob;

import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.RangeReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page blob (or one of its snapshots) for the engine: ranged GET for bytes, plain
 * Get Page Ranges for allocation. Never uses the page-range diff, which Azurite gets wrong.
 */
public final class PageBlobRangeReader implements RangeReader {

    private final PageBlobClient blob;
    private volatile long sizeBytes = -1;

    public PageBlobRangeReader(PageBlobClient blob) {
        this.blob = blob;
    }

    @Override
    public long sizeBytes() {
        if (sizeBytes < 0) {
            sizeBytes = blob.getProperties().getBlobSize();
        }
        return sizeBytes;
    }

    @Override
    public List<ByteRange> allocatedRanges(ByteRange window) {
        List<ByteRange> ranges = new ArrayList<>();
        if (window.isEmpty()) {
            return ranges;
        }
        for (PageRangeItem item : blob.listPageRanges(new BlobRange(window.offset(), window.length()))) {
            if (!item.isClear()) {
                long start = item.getRange().getOffset();
                ranges.add(new ByteRange(start, item.getRange().getLength()));
            }
        }
        return ranges;
    }

    @Override
    public void read(long offset, ByteBuffer target) {
        int length = target.remaining();
        blob.downloadStreamWithResponse(new BufferOutputStream(target), new BlobRange(offset, (long) length),
                null, null, false, null, null);
        if (target.hasRemaining()) {
            throw new IllegalStateException("Short read of " + blob.getBlobUrl() + " at " + offset + ": "
                    + target.remaining() + " of " + length + " bytes missing; retry the slice");
        }
    }

    /** Writes into a ByteBuffer. */
    private static final class BufferOutputStream extends OutputStream {
        private final ByteBuffer target;

        BufferOutputStream(ByteBuffer target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.put((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.put(bytes, offset, length);
        }
    }
}

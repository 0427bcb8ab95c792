package io.reprotect.sync.blob;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageWriter;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;

/**
 * Writes source bytes that the engine read with Put Page. Data passes through the function, so
 * this is for Azurite (which lacks Put Page From URL) and for sources without a URL.
 */
public final class LocalPageWriter implements PageWriter {

    private final PageBlobClient replica;

    public LocalPageWriter(PageBlobClient replica) {
        this.replica = replica;
    }

    @Override
    public boolean needsSourceBytes() {
        return true;
    }

    @Override
    public void writePages(ByteRange range, ByteBuffer sourceBytes) {
        ByteBuffer bytes = sourceBytes.duplicate();
        byte[] array;
        int from;
        if (bytes.hasArray()) {
            array = bytes.array();
            from = bytes.arrayOffset() + bytes.position();
        } else {
            array = new byte[bytes.remaining()];
            bytes.get(array);
            from = 0;
        }
        replica.uploadPages(BlobPages.of(range), new ByteArrayInputStream(array, from, (int) range.length()));
    }

    @Override
    public void clearPages(ByteRange range) {
        replica.clearPages(BlobPages.of(range));
    }
}

package io.reprotect.sync.blob;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageWriter;
import java.nio.ByteBuffer;

/**
 * Writes with Put Page From URL: the storage service copies the range from the source URL (a
 * read SAS of the source snapshot) server side, so data never passes through the function.
 * Azurite answers 501 to it; use {@link LocalPageWriter} there.
 */
public final class FromUrlPageWriter implements PageWriter {

    private final PageBlobClient replica;
    private final String sourceUrl;

    /** @param sourceUrl URL of the source image readable by the storage service (with a SAS) */
    public FromUrlPageWriter(PageBlobClient replica, String sourceUrl) {
        this.replica = replica;
        this.sourceUrl = sourceUrl;
    }

    @Override
    public boolean needsSourceBytes() {
        return false;
    }

    @Override
    public void writePages(ByteRange range, ByteBuffer sourceBytes) {
        replica.uploadPagesFromUrl(BlobPages.of(range), sourceUrl, range.offset());
    }

    @Override
    public void clearPages(ByteRange range) {
        replica.clearPages(BlobPages.of(range));
    }
}

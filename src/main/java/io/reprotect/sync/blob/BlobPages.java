package io.reprotect.sync.blob;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.sync.ByteRange;

/** Conversion between the engine's half-open ranges and the SDK's inclusive page ranges. */
final class BlobPages {

    private BlobPages() {
    }

    static PageRange of(ByteRange range) {
        if (!range.isPageAligned() || range.isEmpty()) {
            throw new IllegalArgumentException("Page ranges must be non-empty and 512-byte aligned: " + range);
        }
        return new PageRange().setStart(range.offset()).setEnd(range.end() - 1);
    }
}

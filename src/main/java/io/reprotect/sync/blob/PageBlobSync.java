package io.reprotect.sync.blob;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.DeltaSyncEngine;
import io.reprotect.sync.DeltaSyncOptions;

/** Wires the engine to page blobs: the source snapshot, the replica (which is also the seed) and a writer. */
public final class PageBlobSync {

    private PageBlobSync() {
    }

    /**
     * An engine that brings replica up to date with the source snapshot.
     *
     * @param sourceUrl read URL (with SAS) of the snapshot for {@link PageWriterKind#FROM_URL}; may be
     *                  null for {@link PageWriterKind#LOCAL}
     */
    public static DeltaSyncEngine engine(SourceSnapshot source, PageBlobClient replica, PageWriterKind writer,
            String sourceUrl, DeltaSyncOptions options) {
        return engine(source.pageBlob(), replica, writer, sourceUrl, options);
    }

    /** An engine reading source as is (use a snapshot unless the source is not written meanwhile). */
    public static DeltaSyncEngine engine(PageBlobClient source, PageBlobClient replica, PageWriterKind writer,
            String sourceUrl, DeltaSyncOptions options) {
        return new DeltaSyncEngine(new PageBlobRangeReader(source), new PageBlobRangeReader(replica),
                writer.create(replica, sourceUrl), options);
    }
}

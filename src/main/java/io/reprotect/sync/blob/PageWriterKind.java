package io.reprotect.sync.blob;

import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.sync.PageWriter;
import java.util.Locale;

/** How the replica is written; chosen by configuration ({@code reprotect.sync.writer}), never by the engine. */
public enum PageWriterKind {

    /** Read the source through the function and Put Page: works on Azurite. */
    LOCAL,
    /** Put Page From URL, server side from the source snapshot's SAS URL: for Azure. */
    FROM_URL;

    /** Parses a configuration value: {@code local} or {@code from-url}. */
    public static PageWriterKind parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown reprotect.sync.writer '" + value
                    + "': set it to local or from-url", e);
        }
    }

    /**
     * The writer of this kind for replica.
     *
     * @param sourceUrl read URL (with SAS) of the source image; needed by {@link #FROM_URL} only
     */
    public PageWriter create(PageBlobClient replica, String sourceUrl) {
        return switch (this) {
            case LOCAL -> new LocalPageWriter(replica);
            case FROM_URL -> {
                if (sourceUrl == null || sourceUrl.isBlank()) {
                    throw new IllegalArgumentException("The from-url writer needs a source URL with a read SAS");
                }
                yield new FromUrlPageWriter(replica, sourceUrl);
            }
        };
    }
}

package io.reprotect.cloud;

import java.util.Map;
import java.util.Optional;

/**
 * The blob data plane as the stages use it: replica and temporary page blobs in the storage accounts reprotect
 * prepared, each method one or two Blob service calls. The Azure adapter authenticates through {@link BlobAccounts};
 * failures are the Blob SDK's exceptions, which the pipeline's error classifier sorts by status code.
 */
public interface PageBlobs {

    /** Creates the container unless it exists (Create Container). */
    void createContainerIfMissing(String blobEndpoint, String container);

    /** Whether the container exists. */
    boolean containerExists(String blobEndpoint, String container);

    /** Deletes the container if it exists and holds no blob (List Blobs first); one already gone is success. */
    void deleteContainerIfEmpty(String blobEndpoint, String container);

    /** The blob's properties; empty when the blob does not exist (404). */
    Optional<BlobState> find(BlobRef blob);

    /** Whether the blob exists. */
    boolean exists(BlobRef blob);

    /** The blob's size in bytes (Get Blob Properties). */
    long sizeBytes(BlobRef blob);

    /** The size in bytes of the blob a read URL names, authenticated by the URL's own SAS. */
    long sizeBytesAt(String readUrl);

    /** Creates an empty page blob of {@code bytes} (a multiple of 512), replacing one of the name. */
    void create(BlobRef blob, long bytes);

    /** Sets the page blob's size to {@code bytes} (a multiple of 512); pages past a smaller size are dropped. */
    void resize(BlobRef blob, long bytes);

    /**
     * Starts a server-side copy of {@code sourceUrl} into the blob with {@code metadata} (Copy Blob); returns once the
     * service has accepted it. {@link #find} reports its progress.
     */
    void startCopy(BlobRef blob, String sourceUrl, Map<String, String> metadata);

    /** Deletes the blob; one already gone is success. */
    void deleteIfExists(BlobRef blob);

    /** Writes {@code pages} (a multiple of 512 bytes) at {@code offset} (Put Page). */
    void writePages(BlobRef blob, long offset, byte[] pages);

    /**
     * Takes a snapshot of the blob carrying {@code metadata} (Snapshot Blob); returns its timestamp, which names it.
     */
    String takeSnapshot(BlobRef blob, Map<String, String> metadata);

    /**
     * The first snapshot of the blob whose metadata holds {@code key=value} (List Blobs with snapshots and metadata,
     * by the blob's name as prefix, read page by page until one is found); empty when there is none.
     */
    Optional<String> findSnapshot(BlobRef blob, String key, String value);

    /** Deletes the blob with all its snapshots; one already gone is success. */
    void deleteWithSnapshots(BlobRef blob);

    /** The bytes in the page blob's (or snapshot's) allocated ranges, from its range list: no data is read. */
    long allocatedBytes(BlobRef blob);

    /** The blob's URL, without any SAS. */
    String url(BlobRef blob);
}

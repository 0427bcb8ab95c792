package io.reprotect.cloud;

/**
 * A blob, or one snapshot of it, in a storage account reprotect prepared: the account's blob endpoint (e.g.
 * {@code https://acct.blob.core.windows.net/}), the container, the blob's name and the snapshot's timestamp (null:
 * the blob itself).
 */
public record BlobRef(String blobEndpoint, String container, String name, String snapshot) {

    /** The blob itself (not a snapshot). */
    public static BlobRef of(String blobEndpoint, String container, String name) {
        return new BlobRef(blobEndpoint, container, name, null);
    }
}

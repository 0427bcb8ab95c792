package io.reprotect.cloud;

import com.azure.storage.blob.BlobServiceClient;

/**
 * Data-plane access to the blob service of a storage account that reprotect prepared, by its
 * blob endpoint. In Azure the managed identity authenticates (no account keys); locally the
 * endpoint is an Azurite account.
 */
public interface BlobAccounts {

    /** The client for {@code blobEndpoint} (e.g. {@code https://acct.blob.core.windows.net/}), built once. */
    BlobServiceClient account(String blobEndpoint);
}

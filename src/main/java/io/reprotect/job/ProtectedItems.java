package io.reprotect.job;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * Protected items, as ASR calls a VM under replication: one JSON blob per VM in the job container,
 * {@code protected-items/{sha256(vmId)}.json}. Written whole by the stage that protects the VM;
 * rewriting the same item is harmless.
 */
@ApplicationScoped
public class ProtectedItems {

    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public ProtectedItems(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    public void put(String vmId, JsonNode item) {
        blob(vmId).upload(BinaryData.fromBytes(JobJson.write(item)), true);
    }

    public Optional<JsonNode> get(String vmId) {
        try {
            return Optional.of(JobJson.MAPPER.readTree(blob(vmId).downloadContent().toBytes()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The item whose id is {@code itemId}: the first 32 hex digits of the SHA-256 of the lower-cased VM id
     * (the blob name starts with them).
     */
    public Optional<JsonNode> findById(String itemId) {
        if (itemId == null || !itemId.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        var container = blobs.getBlobContainerClient(config.jobContainer());
        for (var blob : container.listBlobs(new com.azure.storage.blob.models.ListBlobsOptions()
                .setPrefix("protected-items/" + itemId), null)) {
            try {
                return Optional.of(JobJson.MAPPER.readTree(container.getBlobClient(blob.getName()).downloadContent()
                        .toBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** The id of a VM's item (stable, URL-safe, case-insensitive in the VM id like ARM). */
    public static String idOf(String vmId) {
        return Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)).substring(0, 32);
    }

    private BlobClient blob(String vmId) {
        return blobs.getBlobContainerClient(config.jobContainer())
                .getBlobClient("protected-items/" + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)) + ".json");
    }

}

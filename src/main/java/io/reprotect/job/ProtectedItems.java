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
        BlobClient blob = blob(vmId);
        MissingContainer.createAndRetryOnce(blobs.getBlobContainerClient(config.jobContainer()), () -> {
            blob.upload(BinaryData.fromBytes(JobJson.write(item)), true);
            return null;
        });
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

    private BlobClient blob(String vmId) {
        return blobs.getBlobContainerClient(config.jobContainer())
                .getBlobClient("protected-items/" + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)) + ".json");
    }

}

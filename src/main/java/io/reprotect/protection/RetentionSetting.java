package io.reprotect.protection;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The soft-delete period in force: the stored setting ({@code settings/soft-delete.json} in the job container),
 * else the configured default ({@link SoftDeleteConfig#retentionDays()}). A change applies to items deleted after
 * it; an item already deleted keeps the expiry it was given.
 */
@ApplicationScoped
public class RetentionSetting {

    private static final String BLOB = "settings/soft-delete.json";

    /** The stored setting's body. */
    public record Stored(int retentionDays) {
    }

    private final BlobServiceClient blobs;
    private final StorageConfig storage;
    private final SoftDeleteConfig config;

    public RetentionSetting(BlobServiceClient blobs, StorageConfig storage, SoftDeleteConfig config) {
        this.blobs = blobs;
        this.storage = storage;
        this.config = config;
    }

    /** Fails the start when the configured default is below the minimum; the message names the key. */
    void validateAtStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        SoftDeleteConfig.validated(config);
    }

    /** Days a deletion made now is kept. */
    public int days() {
        try {
            return JobJson.MAPPER.readValue(blob().downloadContent().toBytes(), Stored.class).retentionDays();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return SoftDeleteConfig.validated(config);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Days blob soft delete keeps what is deleted on the engine's replica accounts (configured, validated). */
    public int blobSoftDeleteDays() {
        SoftDeleteConfig.validated(config);
        return config.blobSoftDeleteDays();
    }

    /**
     * Stores {@code retentionDays}.
     *
     * @throws IllegalArgumentException below {@link SoftDeleteConfig#MIN_RETENTION_DAYS}; nothing is stored
     */
    public void change(int retentionDays) {
        if (retentionDays < SoftDeleteConfig.MIN_RETENTION_DAYS) {
            throw new IllegalArgumentException("retentionDays must be at least " + SoftDeleteConfig.MIN_RETENTION_DAYS
                    + " (got " + retentionDays + ")");
        }
        BinaryData body = BinaryData.fromBytes(JobJson.write(new Stored(retentionDays)));
        try {
            blob().upload(body, true);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != com.azure.storage.blob.models.BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            // no job ran yet on this storage (or it restarted empty): the job container is created as the job store does
            blobs.getBlobContainerClient(storage.jobContainer()).createIfNotExists();
            blob().upload(body, true);
        }
    }

    private BlobClient blob() {
        return blobs.getBlobContainerClient(storage.jobContainer()).getBlobClient(BLOB);
    }
}

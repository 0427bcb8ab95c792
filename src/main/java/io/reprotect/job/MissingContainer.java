package io.reprotect.job;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes that survive storage restarting empty (Azurite in memory, a container deleted by hand):
 * a write that finds its container missing creates it and is tried once more.
 */
final class MissingContainer {

    private static final Logger LOG = Logger.getLogger(MissingContainer.class);

    private MissingContainer() {
    }

    static <T> T createAndRetryOnce(BlobContainerClient container, Supplier<T> write) {
        try {
            return write.get();
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            LOG.warnf("container %s is missing (storage restarted empty?); creating it",
                    container.getBlobContainerName());
            container.createIfNotExists();
            return write.get();
        }
    }
}

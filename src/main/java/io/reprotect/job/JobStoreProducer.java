package io.reprotect.job;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the blob client and the job store once, from {@link StorageConfig}. */
@ApplicationScoped
public class JobStoreProducer {

    @Produces
    @ApplicationScoped
    BlobServiceClient blobServiceClient(StorageConfig config) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (config.connectionString().isPresent()) {
            builder.connectionString(config.connectionString().get());
        } else if (config.blobEndpoint().isPresent()) {
            builder.endpoint(config.blobEndpoint().get()).credential(new DefaultAzureCredentialBuilder().build());
        } else {
            throw new IllegalStateException("No job store configured: set REPROTECT_STORAGE_BLOB_ENDPOINT "
                    + "(reprotect.storage.blob-endpoint) to the app storage account's blob endpoint");
        }
        return builder.buildClient();
    }

    @Produces
    @ApplicationScoped
    JobStore jobStore(BlobServiceClient blobs, StorageConfig config) {
        BlobContainerClient container = blobs.getBlobContainerClient(config.jobContainer());
        container.createIfNotExists();
        return new BlobJobStore(container);
    }

    @Produces
    @ApplicationScoped
    JobHistory jobHistory(BlobServiceClient blobs, StorageConfig config, JobStore store) {
        return new JobHistory(blobs.getBlobContainerClient(config.jobContainer()), store);
    }
}

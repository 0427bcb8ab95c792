package io.reprotect.job;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Builds the blob client and the job store once, from {@link StorageConfig}. The client's timeouts
 * and retries are bounded so that a store that is down fails a call in seconds, not the SDK
 * default's minute (four tries with exponential backoff from 4 s, each waiting for its own timeout).
 */
@ApplicationScoped
public class JobStoreProducer {

    /** First delay between tries of a job store call; it doubles, up to four times this. */
    static final Duration RETRY_DELAY = Duration.ofMillis(200);

    @Produces
    @ApplicationScoped
    BlobServiceClient blobServiceClient(StorageConfig config, StorageClientConfig client,
            Instance<TokenCredential> credential) {
        return builder(config, client, credential::get).buildClient();
    }

    /** A builder with the configured connection string, or endpoint and the app's credential, timeouts and retries. */
    public static BlobServiceClientBuilder builder(StorageConfig config, StorageClientConfig client) {
        return builder(config, client, () -> {
            throw new IllegalStateException("a job store at an endpoint needs the app's credential");
        });
    }

    static BlobServiceClientBuilder builder(StorageConfig config, StorageClientConfig client,
            Supplier<TokenCredential> credential) {
        Duration timeout = client.requestTimeout();
        if (client.maxTries() < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("reprotect.storage.client.max-tries must be at least 1 and "
                    + "reprotect.storage.client.request-timeout positive; got " + client.maxTries() + " and "
                    + timeout);
        }
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                // the storage SDK counts a try's timeout in whole seconds
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, client.maxTries(),
                        timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout,
                        RETRY_DELAY, RETRY_DELAY.multipliedBy(4), null))
                .clientOptions(new HttpClientOptions().setConnectTimeout(timeout).setResponseTimeout(timeout)
                        .setReadTimeout(timeout).setWriteTimeout(timeout));
        if (config.connectionString().isPresent()) {
            builder.connectionString(config.connectionString().get());
        } else if (config.blobEndpoint().isPresent()) {
            builder.endpoint(config.blobEndpoint().get()).credential(credential.get());
        } else {
            throw new IllegalStateException("No job store configured: set REPROTECT_STORAGE_BLOB_ENDPOINT "
                    + "(reprotect.storage.blob-endpoint) to the app storage account's blob endpoint");
        }
        return builder;
    }

    @Produces
    @ApplicationScoped
    JobStore jobStore(BlobServiceClient blobs, StorageConfig config) {
        BlobContainerClient container = blobs.getBlobContainerClient(config.jobContainer());
        try {
            container.createIfNotExists();
        } catch (RuntimeException e) {
            // storage is down at start: the store creates the container when a write finds it missing
            org.jboss.logging.Logger.getLogger(JobStoreProducer.class)
                    .warnf("job container %s could not be created yet: %s", config.jobContainer(), e.toString());
        }
        return new BlobJobStore(container);
    }

    @Produces
    @ApplicationScoped
    JobHistory jobHistory(BlobServiceClient blobs, StorageConfig config, JobStore store) {
        return new JobHistory(blobs.getBlobContainerClient(config.jobContainer()), store);
    }
}

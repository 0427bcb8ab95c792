package io.reprotect.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where job records are kept. */
@ConfigMapping(prefix = "reprotect.storage")
public interface StorageConfig {

    /**
     * Blob endpoint of the app's storage account, e.g. {@code https://myaccount.blob.core.windows.net},
     * reached with the managed identity. Set this in Azure.
     */
    Optional<String> blobEndpoint();

    /** A connection string instead of the endpoint: for Azurite in development only. */
    Optional<String> connectionString();

    /** Container holding job records and VM claims. */
    @WithDefault("reprotect-jobs")
    String jobContainer();
}

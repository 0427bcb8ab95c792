package io.reprotect.local;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.reprotect.cloud.BlobAccounts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blob clients for the ARM stand-in's storage accounts, which are Azurite accounts: the endpoint's
 * path names the account, and Azurite's public development key signs requests. Dev and test only.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class AzuriteBlobAccounts implements BlobAccounts {

    private final Map<String, BlobServiceClient> clients = new ConcurrentHashMap<>();
    private final java.util.List<com.azure.core.http.policy.HttpPipelinePolicy> policies;

    public AzuriteBlobAccounts() {
        this(java.util.List.of());
    }

    /** Accounts whose clients carry {@code policies} too (tests count requests with them). */
    public AzuriteBlobAccounts(java.util.List<com.azure.core.http.policy.HttpPipelinePolicy> policies) {
        this.policies = java.util.List.copyOf(policies);
    }

    @Override
    public BlobServiceClient account(String blobEndpoint) {
        return clients.computeIfAbsent(blobEndpoint, e -> {
            String account = URI.create(e).getPath().replace("/", "");
            BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                    .connectionString(AzuriteLauncher.connectionString(account));
            policies.forEach(builder::addPolicy);
            return builder.buildClient();
        });
    }
}

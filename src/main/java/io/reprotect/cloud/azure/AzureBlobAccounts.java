package io.reprotect.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.reprotect.cloud.BlobAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Blob clients authenticated with the app's one credential ({@link AzureCredentials}; Storage Blob Data roles, no keys). */
@ApplicationScoped
public class AzureBlobAccounts implements BlobAccounts {

    private final Map<String, BlobServiceClient> clients = new ConcurrentHashMap<>();
    private final TokenCredential credential;

    public AzureBlobAccounts(TokenCredential credential) {
        this.credential = credential;
    }

    @Override
    public BlobServiceClient account(String blobEndpoint) {
        return clients.computeIfAbsent(blobEndpoint,
                e -> new BlobServiceClientBuilder().endpoint(e).credential(credential).buildClient());
    }
}

package io.reprotect.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one credential every Azure client of the app shares: ARM, the blob data plane of the accounts
 * reprotect creates, the job store and Service Bus. Microsoft's authentication best practices for the Azure
 * Identity library: a deterministic credential in production ({@code ManagedIdentityCredential}, not
 * {@code DefaultAzureCredential}, whose chain can silently fall through to another identity), and one
 * instance reused by every client (a credential caches its tokens per instance).
 *
 * <p>In Azure the Functions host sets {@value #IDENTITY_ENDPOINT_SETTING} (the managed identity endpoint):
 * the credential is then the user-assigned managed identity whose client id infra sets
 * ({@code REPROTECT_ARM_MANAGED_IDENTITY_CLIENT_ID}, else {@value #CLIENT_ID_SETTING}; none: the
 * system-assigned identity). Elsewhere (a developer's machine pointed at real Azure) it is
 * {@code DefaultAzureCredential}, which finds {@code az login}. The local stand-ins need none.
 */
@ApplicationScoped
public class AzureCredentials {

    /** Set by App Service and Functions when the app has a managed identity. */
    static final String IDENTITY_ENDPOINT_SETTING = "IDENTITY_ENDPOINT";
    /** The Azure SDK's app setting for the client id of a user-assigned identity. */
    static final String CLIENT_ID_SETTING = "AZURE_CLIENT_ID";

    @Produces
    @Singleton
    TokenCredential credential(ArmConfig config,
            @ConfigProperty(name = IDENTITY_ENDPOINT_SETTING) Optional<String> identityEndpoint,
            @ConfigProperty(name = CLIENT_ID_SETTING) Optional<String> clientId) {
        return create(identityEndpoint.isPresent(), config.managedIdentityClientId().or(() -> clientId),
                config.tenantId());
    }

    /** The managed identity when the host offers one, else the developer chain. */
    static TokenCredential create(boolean inAzure, Optional<String> clientId, Optional<String> tenantId) {
        if (inAzure) {
            ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
            clientId.ifPresent(builder::clientId);
            return builder.build();
        }
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        tenantId.ifPresent(builder::tenantId);
        clientId.ifPresent(builder::managedIdentityClientId);
        return builder.build();
    }
}

package io.reprotect.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.azure.resourcemanager.storage.StorageManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The azure-resourcemanager managers the adapters use, sharing one HTTP pipeline.
 * Built once per application by {@link ArmProducers}; tests call {@link #connect} with the same code.
 */
public record ArmManagers(ComputeManager compute, StorageManager storage, ResourceManager resources,
                          NetworkManager network, String subscriptionId) {

    private static final String USER_AGENT = "vm-reprotect";

    public static ArmManagers connect(ArmSettings settings) {
        if (settings.lroPollInterval() != null) {
            // Process-wide in the SDK: every manager's long-running operations poll at this interval
            // unless ARM answers with Retry-After.
            ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(ignored -> settings.lroPollInterval());
        }
        AzureProfile profile = new AzureProfile(settings.tenantId(), settings.subscriptionId(), environment(settings));
        HttpPipeline pipeline = pipeline(settings, settings.anonymous() ? null : credential(settings));
        return new ArmManagers(ComputeManager.authenticate(pipeline, profile),
                StorageManager.authenticate(pipeline, profile),
                ResourceManager.authenticate(pipeline, profile).withSubscription(settings.subscriptionId()),
                NetworkManager.authenticate(pipeline, profile), settings.subscriptionId());
    }

    private static AzureEnvironment environment(ArmSettings settings) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.endpoint());
        return new AzureEnvironment(endpoints);
    }

    private static TokenCredential credential(ArmSettings settings) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        if (settings.tenantId() != null) {
            builder.tenantId(settings.tenantId());
        }
        if (settings.managedIdentityClientId() != null) {
            builder.managedIdentityClientId(settings.managedIdentityClientId());
        }
        return builder.build();
    }

    /** Like the SDK's default ARM pipeline; {@code credential == null} leaves out the bearer-token policy. */
    static HttpPipeline pipeline(ArmSettings settings, TokenCredential credential) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy(USER_AGENT));
        policies.add(new RequestIdPolicy());
        policies.add(new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(settings.maxRetries()))));
        policies.add(new AddDatePolicy());
        if (credential != null) {
            policies.add(new ArmChallengeAuthenticationPolicy(credential, settings.endpoint() + ".default"));
        }
        policies.add(new HttpLoggingPolicy(new HttpLogOptions()));
        return new HttpPipelineBuilder().httpClient(HttpClient.createDefault())
                .policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }
}

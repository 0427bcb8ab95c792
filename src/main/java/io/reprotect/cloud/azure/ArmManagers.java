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
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.azure.resourcemanager.storage.StorageManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The azure-resourcemanager managers the adapters use, one set per served subscription, all
 * sharing one authenticated HTTP pipeline. A subscription's managers are built on first use and
 * kept ({@code XxxManager.authenticate(pipeline, profile)} is cheap but not free). Adapters pick
 * them by the subscription named in the resource id they act on, so an ARM call never goes to
 * another subscription than the id's. Built once per application by {@link ArmProducers}; tests
 * call {@link #connect} with the same code.
 */
public final class ArmManagers {

    private static final String USER_AGENT = "vm-reprotect";

    /** The managers of one subscription. */
    public record Subscription(ComputeManager compute, StorageManager storage, ResourceManager resources,
                               NetworkManager network) {
    }

    private final ArmSettings settings;
    private final HttpPipeline pipeline;
    private final AzureEnvironment environment;
    private final Map<String, Subscription> bySubscription = new ConcurrentHashMap<>();
    private final ArmBudgets budgets;

    private ArmManagers(ArmSettings settings, TokenCredential credential, ArmBudgets budgets, Clock clock,
                        List<HttpPipelinePolicy> extraPolicies) {
        if (!settings.anonymous() && credential == null) {
            throw new IllegalArgumentException("ARM at " + settings.endpoint() + " needs a credential");
        }
        this.settings = settings;
        this.budgets = budgets;
        this.pipeline = pipeline(settings, settings.anonymous() ? null : credential, budgets, clock, extraPolicies);
        this.environment = environment(settings);
    }

    /** Managers for the local stand-in, which takes no token. */
    public static ArmManagers connect(ArmSettings settings) {
        return connect(settings, null, Clock.systemUTC(), List.of());
    }

    /** Managers that authenticate with {@code credential} (the app's one credential, {@link AzureCredentials}). */
    public static ArmManagers connect(ArmSettings settings, TokenCredential credential) {
        return connect(settings, credential, Clock.systemUTC(), List.of());
    }

    /**
     * As {@link #connect(ArmSettings)}, with the clock the budget guard reads (tests whose time is virtual
     * pass the app's clock, so a budget refills in the time the app waits for it) and policies added after
     * the guard and before the SDK's retry policy, so they see each call the app makes once, retries not
     * counted again (tests count calls with them).
     */
    public static ArmManagers connect(ArmSettings settings, Clock clock, List<HttpPipelinePolicy> extraPolicies) {
        return connect(settings, null, clock, extraPolicies);
    }

    private static ArmManagers connect(ArmSettings settings, TokenCredential credential, Clock clock,
                                       List<HttpPipelinePolicy> extraPolicies) {
        if (settings.lroPollInterval() != null) {
            // Process-wide in the SDK: every manager's long-running operations poll at this interval
            // unless ARM answers with Retry-After.
            ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(ignored -> settings.lroPollInterval());
        }
        return new ArmManagers(settings, credential, new ArmBudgets(settings.budgetReserve()), clock, extraPolicies);
    }

    /** The throttling budgets heard from Azure, shared by every call of these managers. */
    public ArmBudgets budgets() {
        return budgets;
    }

    /** The subscriptions served, lowercase. */
    public List<String> subscriptionIds() {
        return settings.subscriptionIds();
    }

    /**
     * The managers of {@code subscriptionId} (any casing).
     *
     * @throws IllegalArgumentException the subscription is not one the app serves: requests are checked
     *         before they become jobs, so reaching this is a bug, never a call to a foreign subscription
     */
    public Subscription of(String subscriptionId) {
        String key = subscriptionId == null ? "" : subscriptionId.toLowerCase(Locale.ROOT);
        if (!settings.subscriptionIds().contains(key)) {
            throw new IllegalArgumentException("Subscription '" + subscriptionId + "' is not served by this app; add it to "
                    + ArmSettings.SUBSCRIPTIONS_KEY + " (app setting " + ArmSettings.SUBSCRIPTIONS_APP_SETTING + ")");
        }
        return bySubscription.computeIfAbsent(key, this::authenticate);
    }

    /** The one HTTP pipeline every manager shares: {@link ArmOperations} checks operations through it. */
    HttpPipeline pipeline() {
        return pipeline;
    }

    /**
     * How long to wait before checking an operation whose answer named no {@code Retry-After}: the configured
     * poll interval, else the SDK's default (Compute sends none, so its operations are checked every 30 s).
     */
    Duration defaultPollInterval() {
        return settings.lroPollInterval() != null ? settings.lroPollInterval() : ArmOperations.SDK_DEFAULT_POLL_INTERVAL;
    }

    /** Compute manager of the subscription named in {@code resourceId}. */
    public ComputeManager compute(ResourceId resourceId) {
        return of(resourceId.subscriptionId()).compute();
    }

    /** Storage manager of the subscription named in {@code resourceId}. */
    public StorageManager storage(ResourceId resourceId) {
        return of(resourceId.subscriptionId()).storage();
    }

    /** Network manager of the subscription named in {@code resourceId}. */
    public NetworkManager network(ResourceId resourceId) {
        return of(resourceId.subscriptionId()).network();
    }

    /** Resource manager of the subscription named in {@code resourceId}. */
    public ResourceManager resources(ResourceId resourceId) {
        return of(resourceId.subscriptionId()).resources();
    }

    private Subscription authenticate(String subscriptionId) {
        AzureProfile profile = new AzureProfile(settings.tenantId(), subscriptionId, environment);
        return new Subscription(ComputeManager.authenticate(pipeline, profile),
                StorageManager.authenticate(pipeline, profile),
                ResourceManager.authenticate(pipeline, profile).withSubscription(subscriptionId),
                NetworkManager.authenticate(pipeline, profile));
    }

    private static AzureEnvironment environment(ArmSettings settings) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.endpoint());
        return new AzureEnvironment(endpoints);
    }

    /** Like the SDK's default ARM pipeline; {@code credential == null} leaves out the bearer-token policy. */
    private static HttpPipeline pipeline(ArmSettings settings, TokenCredential credential, ArmBudgets budgets,
                                         Clock clock, List<HttpPipelinePolicy> extraPolicies) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy(USER_AGENT));
        policies.add(new RequestIdPolicy());
        // Before the retry policy: a call held back is the stage's to reschedule, not the SDK's to retry.
        policies.add(new BudgetGuardPolicy(budgets, clock));
        policies.addAll(extraPolicies);
        policies.add(new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(settings.maxRetries()))));
        policies.add(new AddDatePolicy());
        if (settings.lroMaxRetryAfter() != null) {
            policies.add(new RetryAfterCap(settings.lroMaxRetryAfter()));
        }
        if (credential != null) {
            policies.add(new ArmChallengeAuthenticationPolicy(credential, settings.endpoint() + ".default"));
        }
        policies.add(new HttpLoggingPolicy(new HttpLogOptions()));
        return new HttpPipelineBuilder().httpClient(HttpClient.createDefault())
                .policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }
}

package io.reprotect.telemetry;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigure;
import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigureOptions;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Exports the app's spans and metrics in-process to Application Insights, with the Azure Monitor OpenTelemetry
 * exporter, when {@value #CONNECTION_STRING} is set (the infra sets {@code APPLICATIONINSIGHTS_CONNECTION_STRING}).
 *
 * <p>It authenticates as the Functions host does, from {@value #AUTHENTICATION_STRING}
 * ({@code Authorization=AAD;ClientId=<client id of a user-assigned identity>}): with {@code Authorization=AAD} the
 * exporter sends a Microsoft Entra token of the managed identity, which needs the role Monitoring Metrics Publisher
 * on the Application Insights resource; without it, the connection string's key alone (refused where local
 * authentication is disabled, as the infra deploys it).
 *
 * <p>Live metrics are off: they poll the service every second for a view nobody opens from a job engine.
 */
@Singleton
public class AzureMonitorExport implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

    /** The Application Insights connection string; the SDK reads it from the environment variable of this name. */
    public static final String CONNECTION_STRING = "applicationinsights.connection.string";
    /** How to authenticate, in the Functions host's format; {@code APPLICATIONINSIGHTS_AUTHENTICATION_STRING}. */
    public static final String AUTHENTICATION_STRING = "applicationinsights.authentication.string";
    /** Names the HTTP client the exporter uses instead of the SDK's default (tests keep it on loopback). */
    public static final String HTTP_CLIENT = "azure-monitor-exporter";

    private static final Logger LOG = Logger.getLogger(AzureMonitorExport.class);

    private final Optional<String> connectionString;
    private final Optional<String> authenticationString;
    private final Instance<HttpClient> httpClient;

    @Inject
    public AzureMonitorExport(@ConfigProperty(name = CONNECTION_STRING) Optional<String> connectionString,
            @ConfigProperty(name = AUTHENTICATION_STRING) Optional<String> authenticationString,
            @Identifier(HTTP_CLIENT) Instance<HttpClient> httpClient) {
        this.connectionString = connectionString.filter(s -> !s.isBlank());
        this.authenticationString = authenticationString.filter(s -> !s.isBlank());
        this.httpClient = httpClient;
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        if (connectionString.isEmpty()) {
            LOG.infof("telemetry: %s is not set, nothing is exported to Application Insights",
                    CONNECTION_STRING.toUpperCase(Locale.ROOT).replace('.', '_'));
            return;
        }
        builder.addPropertiesSupplier(() -> Map.of("applicationinsights.live.metrics.enabled", "false"));
        AzureMonitorAutoConfigureOptions options = new AzureMonitorAutoConfigureOptions()
                .connectionString(connectionString.get());
        credential(authenticationString.orElse(null)).ifPresent(options::credential);
        if (httpClient.isResolvable()) {
            options.httpClient(httpClient.get());
        }
        AzureMonitorAutoConfigure.customize(builder, options);
        LOG.infof("telemetry: exporting traces and metrics to Application Insights (%s)",
                authenticationString.isPresent() ? "Microsoft Entra token of the managed identity" : "key only");
    }

    /**
     * The managed identity credential that {@code authentication} asks for, as the Functions host reads
     * {@code APPLICATIONINSIGHTS_AUTHENTICATION_STRING}: {@code Authorization=AAD} and an optional
     * {@code ClientId} (a user-assigned identity; the system-assigned one without it). Empty when it asks for none.
     */
    static Optional<TokenCredential> credential(String authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        String authorization = null;
        String clientId = null;
        for (String part : authentication.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equalsIgnoreCase("Authorization")) {
                authorization = value;
            } else if (key.equalsIgnoreCase("ClientId") && !value.isEmpty()) {
                clientId = value;
            }
        }
        if (!"AAD".equalsIgnoreCase(authorization)) {
            throw new IllegalArgumentException("APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be "
                    + "'Authorization=AAD' or 'Authorization=AAD;ClientId=<client id>', was without Authorization=AAD");
        }
        ManagedIdentityCredentialBuilder credential = new ManagedIdentityCredentialBuilder();
        if (clientId != null) {
            credential.clientId(clientId);
        }
        return Optional.of(credential.build());
    }
}

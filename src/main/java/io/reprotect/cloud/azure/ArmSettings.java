package io.reprotect.cloud.azure;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Validated ARM connection settings (see {@link ArmConfig} for the keys). Nullable fields are optional.
 *
 * @param lroMaxRetryAfter caps the Retry-After that long-running operations wait for; null (production)
 *                         honours Azure's Retry-After
 */
public record ArmSettings(String endpoint, String subscriptionId, String tenantId, String managedIdentityClientId,
                          Duration lroPollInterval, int maxRetries, Duration lroMaxRetryAfter) {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    public ArmSettings {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new IllegalArgumentException("Set reprotect.arm.subscription-id to the subscription of the protected VMs");
        }
        URI uri = URI.create(endpoint);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost()))) {
            throw new IllegalArgumentException("reprotect.arm.endpoint must be an https URL (or http on a loopback "
                    + "host for the local stand-in), was " + endpoint);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("reprotect.arm.max-retries must be >= 0, was " + maxRetries);
        }
        endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /** Settings for a local stand-in: no credential, fast polls (Retry-After capped to them), no SDK retries. */
    public static ArmSettings local(String endpoint, String subscriptionId, Duration lroPollInterval) {
        return new ArmSettings(endpoint, subscriptionId, null, null, lroPollInterval, 0, lroPollInterval);
    }

    /**
     * True for the local stand-in: the only difference from production is that the pipeline then
     * carries no bearer-token policy (a plain-http loopback endpoint takes no token).
     */
    public boolean anonymous() {
        return endpoint.startsWith("http:");
    }
}

package io.reprotect.cloud.azure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validated ARM connection settings (see {@link ArmConfig} for the keys). Nullable fields are optional.
 *
 * @param subscriptionIds the subscriptions the app serves: lowercase GUIDs, at least one, no duplicates
 * @param lroMaxRetryAfter caps the Retry-After that long-running operations wait for; null (production)
 *                         honours Azure's Retry-After
 * @param budgetReserve   share of each throttling budget the app leaves unused, holding calls back when a
 *                        budget falls to it (see {@link BudgetGuardPolicy}); 0 turns that off
 */
public record ArmSettings(String endpoint, List<String> subscriptionIds, String tenantId,
                          String managedIdentityClientId, Duration lroPollInterval, int maxRetries,
                          Duration lroMaxRetryAfter, double budgetReserve) {

    /** Default {@link #budgetReserve}: 5 % of a budget (12 of ARM's 250 reads). */
    public static final double DEFAULT_BUDGET_RESERVE = 0.05;

    /** The setting that lists the served subscriptions, as it appears in application.properties. */
    public static final String SUBSCRIPTIONS_KEY = "reprotect.arm.subscription-ids";
    /** The same setting as a Functions app setting (environment variable). */
    public static final String SUBSCRIPTIONS_APP_SETTING = "REPROTECT_ARM_SUBSCRIPTION_IDS";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ArmSettings {
        subscriptionIds = normalise(subscriptionIds);
        URI uri = URI.create(endpoint);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK_HOSTS.contains(uri.getHost()))) {
            throw new IllegalArgumentException("reprotect.arm.endpoint must be an https URL (or http on a loopback "
                    + "host for the local stand-in), was " + endpoint);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("reprotect.arm.max-retries must be >= 0, was " + maxRetries);
        }
        if (!(budgetReserve >= 0 && budgetReserve < 1)) {
            throw new IllegalArgumentException("reprotect.arm.budget-reserve must be in [0, 1) (a share of each "
                    + "throttling budget), was " + budgetReserve);
        }
        endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /** Settings for a local stand-in: no credential, fast polls (Retry-After capped to them), no SDK retries. */
    public static ArmSettings local(String endpoint, String subscriptionId, Duration lroPollInterval) {
        return local(endpoint, List.of(subscriptionId), lroPollInterval);
    }

    /** Settings for a local stand-in serving several subscriptions. */
    public static ArmSettings local(String endpoint, List<String> subscriptionIds, Duration lroPollInterval) {
        return new ArmSettings(endpoint, subscriptionIds, null, null, lroPollInterval, 0, lroPollInterval,
                DEFAULT_BUDGET_RESERVE);
    }

    /** The same settings with another {@link #budgetReserve}. */
    public ArmSettings withBudgetReserve(double reserve) {
        return new ArmSettings(endpoint, subscriptionIds, tenantId, managedIdentityClientId, lroPollInterval, maxRetries,
                lroMaxRetryAfter, reserve);
    }

    /**
     * True for the local stand-in: the only difference from production is that the pipeline then
     * carries no bearer-token policy (a plain-http loopback endpoint takes no token).
     */
    public boolean anonymous() {
        return endpoint.startsWith("http:");
    }

    /** Subscription GUIDs compare case-insensitively: ids are kept lowercase, trimmed, in the order given. */
    private static List<String> normalise(List<String> ids) {
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            String s = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (!GUID.matcher(s).matches()) {
                throw new IllegalArgumentException(SUBSCRIPTIONS_KEY + " must list subscription ids (GUIDs, "
                        + "comma-separated); '" + id.trim() + "' is not a GUID");
            }
            unique.add(s);
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("Set " + SUBSCRIPTIONS_KEY + " (app setting " + SUBSCRIPTIONS_APP_SETTING
                    + ") to the subscriptions of the protected VMs, comma-separated");
        }
        return List.copyOf(unique);
    }
}

package io.reprotect.cloud.azure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the engine reaches Azure Resource Manager.
 *
 * <pre>
 * reprotect.arm.endpoint=https://management.azure.com/     # an http://127.0.0.1:PORT/ URL selects the local stand-in
 * reprotect.arm.subscription-ids=GUID1,GUID2              # required: every subscription the app serves
 * reprotect.arm.subscription-id=GUID                      # older single-subscription form, used when the list is unset
 * reprotect.arm.tenant-id=...                             # optional
 * reprotect.arm.managed-identity-client-id=...            # optional: user-assigned identity
 * reprotect.arm.lro-poll-interval=PT5S                    # optional: SDK default is 30 s (Retry-After wins)
 * reprotect.arm.lro-max-retry-after=PT0.1S               # optional, local only: caps Retry-After (default: honour it)
 * reprotect.arm.max-retries=0                             # SDK-level retries of 429/5xx
 * reprotect.arm.budget-reserve=0.05                       # share of each throttling budget left unused
 * </pre>
 */
@ConfigMapping(prefix = "reprotect.arm")
public interface ArmConfig {

    /** ARM endpoint. An {@code http:} URL is only accepted for a loopback host and disables authentication. */
    @WithDefault("https://management.azure.com/")
    String endpoint();

    /**
     * The subscriptions the app serves, comma-separated: a request naming a resource in any other
     * subscription is refused, and every ARM call goes to the subscription named in the resource id
     * it concerns. The operator role must be assigned on each (infra parameter {@code subscriptionIds}).
     */
    Optional<List<String>> subscriptionIds();

    /**
     * Older single-subscription setting, still read when {@code subscription-ids} is not set (a
     * deployment that has only this key keeps working unchanged). When both are set the list wins.
     */
    Optional<String> subscriptionId();

    /** Entra ID tenant of the subscription; the credential's default when empty. */
    Optional<String> tenantId();

    /** Client id of a user-assigned managed identity; the system-assigned identity when empty. */
    Optional<String> managedIdentityClientId();

    /** Interval between polls of long-running operations when ARM sends no Retry-After; SDK default when empty. */
    Optional<Duration> lroPollInterval();

    /**
     * Caps how long a long-running operation waits for ARM's {@code Retry-After} before its next poll.
     * Leave empty in Azure: Retry-After is honoured (Compute sends 0, then the poll interval applies;
     * Storage sends 17 s for an account creation). Set it for the local stand-in, which answers the same.
     */
    Optional<Duration> lroMaxRetryAfter();

    /**
     * Retries inside the SDK for 429 and 5xx. Default 0: the stage pipeline retries by scheduling
     * a later message, so one invocation never sleeps for a Retry-After.
     */
    @WithDefault("0")
    int maxRetries();

    /**
     * Share of each Azure throttling budget (ARM's read/write/delete buckets, Compute's policies) the
     * engine leaves unused: when the remaining-budget headers show a budget at this reserve, calls that
     * draw on it are held back and their stage rescheduled until it has refilled. 0 turns that off.
     */
    @WithDefault("0.05")
    double budgetReserve();

    default ArmSettings settings() {
        List<String> subscriptions = subscriptionIds().orElseGet(() -> subscriptionId().map(List::of).orElse(List.of()));
        return new ArmSettings(endpoint(), subscriptions, tenantId().orElse(null),
                managedIdentityClientId().orElse(null), lroPollInterval().orElse(null), maxRetries(),
                lroMaxRetryAfter().orElse(null), budgetReserve());
    }
}

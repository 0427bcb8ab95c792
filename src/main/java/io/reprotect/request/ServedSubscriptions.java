package io.reprotect.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The subscriptions the app serves (one setting, {@code reprotect.arm.subscription-ids}), and the
 * check that a request names nothing outside them. HTTP and the intake queue run this check right
 * after {@link RequestParser}, so a request for another subscription never becomes a job: every ARM
 * call a job makes goes to the subscription of the id it concerns, and only served subscriptions
 * carry the app's operator role.
 */
public final class ServedSubscriptions {

    private final Set<String> ids;
    private final String settingKey;
    private final String appSetting;

    /**
     * @param ids        served subscription GUIDs (any casing)
     * @param settingKey the configuration key that lists them, named in refusals
     * @param appSetting the same key as a Functions app setting, named in refusals
     */
    public ServedSubscriptions(List<String> ids, String settingKey, String appSetting) {
        this.ids = ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.settingKey = settingKey;
        this.appSetting = appSetting;
    }

    /** Subscription ids are GUIDs: compared case-insensitively. */
    public boolean serves(String subscriptionId) {
        return subscriptionId != null && ids.contains(subscriptionId.toLowerCase(Locale.ROOT));
    }

    /**
     * @throws InvalidRequestException naming every field of {@code request} whose id lies in a
     *         subscription the app does not serve, and the setting that would change that
     */
    public void check(ReprotectRequest request) {
        List<FieldError> errors = new ArrayList<>();
        check("vmId", request.vmId(), errors);
        check("targetResourceGroupId", request.targetResourceGroupId(), errors);
        check("targetStorageAccountId", request.targetStorageAccountId(), errors);
        check("cacheStorageAccountId", request.cacheStorageAccountId(), errors);
        check("availabilitySetId", request.availabilitySetId(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** Why an id in {@code subscriptionId} is refused, and what to change; for refusals outside a request too. */
    public String refusal(String subscriptionId) {
        return "subscription " + subscriptionId + " is not one this app serves; to act on resources there, add it to "
                + settingKey + " (app setting " + appSetting + ") and grant the app's identity the "
                + "'VM Reprotect Operator' role on it (infra parameter protectedSubscriptionIds)";
    }

    private void check(String field, ResourceId id, List<FieldError> errors) {
        if (id != null && !serves(id.subscriptionId())) {
            errors.add(new FieldError(field, refusal(id.subscriptionId())));
        }
    }
}

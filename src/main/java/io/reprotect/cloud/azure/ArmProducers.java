package io.reprotect.cloud.azure;

import com.azure.core.credential.TokenCredential;
import io.opentelemetry.api.OpenTelemetry;
import io.reprotect.request.ServedSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers: the ARM managers are built once, lazily, from {@link ArmConfig}. */
@ApplicationScoped
public class ArmProducers {

    /** The instrumentation scope of the remaining-budget metric: the app's, as its other metrics. */
    static final String METER_SCOPE = "io.reprotect";

    /** Singleton, not ApplicationScoped: no proxy is needed; the bean is still created on first use. */
    @Produces
    @Singleton
    ArmManagers armManagers(ArmConfig config, jakarta.enterprise.inject.Instance<TokenCredential> credential,
                            OpenTelemetry openTelemetry) {
        ArmSettings settings = config.settings();
        ArmManagers managers = settings.anonymous() ? ArmManagers.connect(settings)
                : ArmManagers.connect(settings, credential.get());
        managers.budgets().reportTo(openTelemetry.getMeter(METER_SCOPE));
        return managers;
    }

    /** The subscriptions requests may name: the same list the managers serve. */
    @Produces
    @Singleton
    ServedSubscriptions servedSubscriptions(ArmConfig config) {
        return new ServedSubscriptions(config.settings().subscriptionIds(), ArmSettings.SUBSCRIPTIONS_KEY,
                ArmSettings.SUBSCRIPTIONS_APP_SETTING);
    }
}

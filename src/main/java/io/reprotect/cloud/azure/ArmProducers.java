package io.reprotect.cloud.azure;

import com.azure.core.credential.TokenCredential;
import io.reprotect.request.ServedSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers: the ARM managers are built once, lazily, from {@link ArmConfig}. */
@ApplicationScoped
public class ArmProducers {

    /** Singleton, not ApplicationScoped: no proxy is needed; the bean is still created on first use. */
    @Produces
    @Singleton
    ArmManagers armManagers(ArmConfig config, jakarta.enterprise.inject.Instance<TokenCredential> credential) {
        ArmSettings settings = config.settings();
        return settings.anonymous() ? ArmManagers.connect(settings) : ArmManagers.connect(settings, credential.get());
    }

    /** The subscriptions requests may name: the same list the managers serve. */
    @Produces
    @Singleton
    ServedSubscriptions servedSubscriptions(ArmConfig config) {
        return new ServedSubscriptions(config.settings().subscriptionIds(), ArmSettings.SUBSCRIPTIONS_KEY,
                ArmSettings.SUBSCRIPTIONS_APP_SETTING);
    }
}

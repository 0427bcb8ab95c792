package io.reprotect.cloud.azure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers: the ARM managers are built once, lazily, from {@link ArmConfig}. */
@ApplicationScoped
public class ArmProducers {

    /** Singleton, not ApplicationScoped: a record cannot be proxied; the bean is still created on first use. */
    @Produces
    @Singleton
    ArmManagers armManagers(ArmConfig config) {
        return ArmManagers.connect(config.settings());
    }
}

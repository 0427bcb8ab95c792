package io.reprotect.local;

import io.quarkus.runtime.StartupEvent;
import io.reprotect.local.queue.LocalFunctionHost;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts what the app needs to run on one machine: Azurite and, in dev mode, the local function
 * host that delivers queue messages in the background. Dev and test only.
 */
@ApplicationScoped
public class LocalDevServices {

    private static final Logger LOG = Logger.getLogger(LocalDevServices.class);

    void onStart(@Observes @Priority(1) StartupEvent event, LocalFunctionHost host,
            @ConfigProperty(name = "reprotect.local.dispatch-in-background", defaultValue = "false") boolean background) {
        AzuriteLauncher.ensureRunning();
        if (background) {
            host.start(Duration.ofMillis(200));
            LOG.infof("local function host delivering queue messages to %d functions", host.listenedQueues().size());
        }
    }
}

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
            @ConfigProperty(name = "reprotect.local.dispatch-in-background", defaultValue = "false") boolean background,
            @ConfigProperty(name = "reprotect.local.timer-interval", defaultValue = "PT30S") Duration timerInterval) {
        AzuriteLauncher.ensureRunning();
        if (background) {
            // the in-process queue starts empty: pending messages of the last run are lost, and the
            // watchdog, fired now and every timerInterval, moves their jobs on once they are overdue
            host.start(Duration.ofMillis(200), timerInterval);
            LOG.infof("local function host delivering queue messages to %d functions", host.listenedQueues().size());
        }
    }
}

package io.reprotect.local;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The first screen of a local run: where the app listens, and the demo request to try, in two lines. */
@ApplicationScoped
public class LocalConsole {

    /** The demo request of README's "Run it locally", run from the project directory. */
    static final String DEMO = "curl -i -X POST localhost:%d/api/reprotect -H 'Content-Type: application/json'"
            + " --data-binary @examples/reprotect-request.json";

    private static final Logger LOG = Logger.getLogger(LocalConsole.class);

    void onStart(@Observes @Priority(5000) StartupEvent event,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.info(firstScreen(port));
        }
    }

    static String firstScreen(int port) {
        return "vm-reprotect is up at http://localhost:" + port + "/api (jobs at /api/jobs/{id}; console: http://localhost:" + port + "/api/console)\n"
                + "Try the demo: " + DEMO.formatted(port);
    }
}

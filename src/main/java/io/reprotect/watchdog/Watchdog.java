package io.reprotect.watchdog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs every {@link OverdueCheck} once. One check failing (storage unreachable) does not stop the
 * others; the next tick tries again.
 */
@ApplicationScoped
public class Watchdog {

    /** NCRONTAB (seconds first): every five minutes. A lost message is healed within grace + 5 min. */
    public static final String SCHEDULE = "0 */5 * * * *";
    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    private final Iterable<OverdueCheck> checks;
    private final Clock clock;

    @Inject
    public Watchdog(Instance<OverdueCheck> checks, Clock clock) {
        this((Iterable<OverdueCheck>) checks, clock);
    }

    public Watchdog(Iterable<OverdueCheck> checks, Clock clock) {
        this.checks = checks;
        this.clock = clock;
    }

    /** Runs every check now. @return items healed, by check name */
    public Map<String, Integer> run() {
        return run(clock.instant());
    }

    /** Runs every check as of {@code now}. @return items healed, by check name (-1 when a check failed) */
    public Map<String, Integer> run(Instant now) {
        Map<String, Integer> healed = new LinkedHashMap<>();
        for (OverdueCheck check : checks) {
            try {
                healed.put(check.name(), check.healOverdue(now));
            } catch (RuntimeException e) {
                LOG.warnf("watchdog check %s failed; the next tick tries again: %s", check.name(), e.toString());
                healed.put(check.name(), -1);
            }
        }
        return healed;
    }
}

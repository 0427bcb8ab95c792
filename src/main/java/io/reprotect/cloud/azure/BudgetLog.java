package io.reprotect.cloud.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Logs the throttling budgets Azure's answers report, so that a real run shows each budget's size and refill
 * (the measurement plan in docs/cost-and-capacity.md replaces the stand-in's assumed budgets with them). One line
 * per budget and subscription at most every {@link #INTERVAL}, of fixed fields only (never a URL, header set or
 * body, which may hold a SAS):
 * {@code arm-budget subscription=<id> budget=<name> remaining=<n> at=<instant>}.
 */
final class BudgetLog {

    /** At most one line per budget and subscription in this interval; a lower value than last logged comes sooner. */
    static final Duration INTERVAL = Duration.ofMinutes(1);
    /** A budget heard at this share or less of the most ever logged for it is logged at once, within the interval. */
    static final double LOW_SHARE = 0.5;

    /** Where the lines go: the app's log; tests read them. */
    @FunctionalInterface
    interface Sink {
        void line(String line);
    }

    private static final Logger LOG = Logger.getLogger(BudgetLog.class);
    private static final Sink APP_LOG = LOG::info;

    private record Logged(long remaining, long largest, Instant at) {
    }

    private final Map<String, Logged> last = new ConcurrentHashMap<>();
    private volatile Sink sink = APP_LOG;

    void sendTo(Sink newSink) {
        this.sink = newSink == null ? APP_LOG : newSink;
    }

    /** Logs what one answer said of one budget, unless the same budget was logged within the interval. */
    void heard(String subscription, String budget, long remaining, Instant at) {
        String key = subscription + "|" + budget;
        boolean[] log = {false};
        last.compute(key, (k, old) -> {
            boolean due = old == null || !at.isBefore(old.at().plus(INTERVAL))
                    || (remaining <= old.largest() * LOW_SHARE && old.remaining() > old.largest() * LOW_SHARE);
            if (!due) {
                return old;
            }
            log[0] = true;
            return new Logged(remaining, Math.max(remaining, old == null ? 0 : old.largest()), at);
        });
        if (log[0]) {
            sink.line(line(subscription, budget, remaining, at));
        }
    }

    static String line(String subscription, String budget, long remaining, Instant at) {
        return "arm-budget subscription=" + subscription + " budget=" + budget + " remaining=" + remaining + " at=" + at;
    }
}

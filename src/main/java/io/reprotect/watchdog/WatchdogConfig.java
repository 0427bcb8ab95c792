package io.reprotect.watchdog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When the watchdog considers a job's pending stage message lost. */
@ConfigMapping(prefix = "reprotect.watchdog")
public interface WatchdogConfig {

    /**
     * How long after its due time (scheduled time, or the job's last change if later) a stage message
     * may still arrive before it counts as lost and the job is moved to a new message. Must exceed the
     * longest stage invocation (host.json {@code functionTimeout}, 10 minutes), or a stage still
     * running would be run a second time (harmless, stages are idempotent, but wasteful).
     */
    @WithDefault("PT15M")
    Duration pendingGrace();
}

package io.reprotect.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How plan jobs run their groups. */
@ConfigMapping(prefix = "reprotect.plan")
public interface PlanConfig {

    /** Most item jobs of one group running at once; the others start as these end. */
    @WithDefault("10")
    int maxParallelItems();

    /** How often a plan job looks at its running item jobs again. */
    @WithDefault("PT15S")
    Duration itemPollInterval();
}

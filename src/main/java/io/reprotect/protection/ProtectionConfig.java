package io.reprotect.protection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of replication cycles and of replication health. */
@ConfigMapping(prefix = "reprotect.protection")
public interface ProtectionConfig {

    /** RPO above which an item's replication health is Warning. */
    @WithDefault("PT30M")
    Duration rpoWarning();

    /** RPO above which an item's replication health is Critical. */
    @WithDefault("PT1H")
    Duration rpoCritical();

    /** At most this many recovery points are deleted by one cycle (bounded work; the rest wait). */
    @WithDefault("16")
    int maxPrunedPerCycle();

    /**
     * Time between cycles when set; otherwise the policy's crash-consistent frequency. For demos
     * and benchmarks below ASR's 5-minute minimum.
     */
    java.util.Optional<Duration> cycleFrequencyOverride();
}

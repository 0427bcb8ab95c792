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

    /**
     * Capture the source disks with a VM restore point (every disk at one instant; application-
     * consistent when the policy's app-consistent frequency is due) rather than one incremental
     * snapshot per disk. When Azure refuses a restore point (an unsupported disk type, its limits),
     * the cycle falls back to per-disk snapshots and the point says so.
     */
    @WithDefault("true")
    boolean restorePoints();
}

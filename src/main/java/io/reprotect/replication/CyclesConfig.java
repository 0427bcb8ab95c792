package io.reprotect.replication;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of fleet replication cycles: how items are grouped into shards and how a shard's tick runs them. */
@ConfigMapping(prefix = "reprotect.cycles")
public interface CyclesConfig {

    /** At most this many protected items per shard (one subscription and region is split into shards of this size). */
    @WithDefault("200")
    int itemsPerShard();

    /** Items of one tick whose cycles run at the same time (bounded parallelism within one invocation). */
    @WithDefault("8")
    int parallelItems();

    /**
     * Time one tick spends on its items; what is left is handed on to a tick sent at once. Keep it well below the
     * Functions timeout (5 minutes on Consumption; 30 by default on Flex Consumption).
     */
    @WithDefault("PT4M")
    Duration tickBudget();

    /**
     * The grid ticks are scheduled on: items of a shard due within one interval share one tick (one execution).
     * Shorter: cycles start closer to their slot; longer: fewer executions.
     */
    @WithDefault("PT15S")
    Duration tickInterval();

    /** Fails at start, naming the key to set, when a setting cannot work. */
    static void check(CyclesConfig config) {
        if (config.itemsPerShard() < 1) {
            throw new IllegalStateException("reprotect.cycles.items-per-shard must be at least 1, is "
                    + config.itemsPerShard());
        }
        if (config.parallelItems() < 1) {
            throw new IllegalStateException("reprotect.cycles.parallel-items must be at least 1, is "
                    + config.parallelItems());
        }
        if (config.tickBudget().isNegative() || config.tickBudget().isZero()) {
            throw new IllegalStateException("reprotect.cycles.tick-budget must be positive, is " + config.tickBudget());
        }
        if (config.tickInterval().toSeconds() < 1) {
            throw new IllegalStateException("reprotect.cycles.tick-interval must be at least PT1S, is "
                    + config.tickInterval());
        }
    }
}

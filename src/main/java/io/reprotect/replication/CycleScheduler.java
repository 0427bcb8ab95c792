package io.reprotect.replication;

import io.reprotect.job.DerivedIds;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Schedules a protected item's next replication cycle through its shard: the item joins a shard of its
 * subscription and region ({@link CycleShards}) and the shard gets a tick at the due time ({@link CycleTicks}); the
 * tick runs every due item of the shard in-process ({@link CycleTick}). Nothing runs when nothing is protected. The
 * caller records the cycle on the item (number, id, due time): a tick runs only items whose cycle is due.
 */
@ApplicationScoped
public class CycleScheduler {

    private final ProtectionConfig config;
    private final CycleShards shards;
    private final CycleTicks ticks;

    public CycleScheduler(ProtectionConfig config, CycleShards shards, CycleTicks ticks) {
        this.config = config;
        this.shards = shards;
        this.ticks = ticks;
    }

    /** What {@link #schedule} arranged: the cycle's id (its job record once it ends), its due time and shard. */
    public record Scheduled(String id, Instant due, String shard) {
    }

    /** Time between two cycles of the item. */
    public Duration frequency(ProtectedItem item) {
        return config.cycleFrequencyOverride()
                .orElse(Duration.ofMinutes(item.policy().crashConsistentFrequencyInMinutes()));
    }

    /**
     * Arranges cycle {@code number} of the item, due at {@code due}: a tick of the item's shard at that time.
     * Idempotent: the cycle's id derives from the protection (its reprotect job) and the number, and the tick's
     * message id from the shard and the due time.
     *
     * @param predecessorJobId the job that schedules it (kept for the callers' sake: no job holds the VM for a
     *        fleet cycle, which takes no VM over)
     */
    public Scheduled schedule(ProtectedItem item, long number, Instant due, String predecessorJobId) {
        return scheduleFirst(item, number, due);
    }

    /** Arranges cycle {@code number} of an item no cycle runs for yet (a new or undeleted item), due at {@code due}. */
    public Scheduled scheduleFirst(ProtectedItem item, long number, Instant due) {
        String shard = item.cycle() != null && item.cycle().shard() != null ? item.cycle().shard() : shards.join(item);
        ticks.send(shard, due);
        return new Scheduled(cycleJobId(item, number), due, shard);
    }

    /** Sends the item's shard a tick now (a stopped cycle re-armed): the tick runs the item if it is due. */
    public Scheduled rearm(ProtectedItem item, Instant now) {
        ProtectedItem.CycleStatus c = item.cycle();
        return scheduleFirst(item, c == null ? 1 : c.lastCycle(), now);
    }

    /** The id of cycle {@code number} of the item (the job record written when it ends). */
    public String cycleId(ProtectedItem item, long number) {
        return cycleJobId(item, number);
    }

    static String cycleJobId(ProtectedItem item, long number) {
        return DerivedIds.of(item.origin().reprotectJobId() + ":cycle:" + number);
    }
}

package io.reprotect.replication;

import io.reprotect.pipeline.TakeoverWait;
import io.reprotect.protection.CycleInProgress;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * A lifecycle job (failover, disable, ...) that takes an item over while a fleet tick runs its cycle waits, before
 * its first stage, until the tick has let go: the tick reads the item before each stage, sees the lifecycle moved
 * on, and releases its claim; a tick that died lets go when its claim expires.
 */
@ApplicationScoped
public class FleetTurnWait implements TakeoverWait {

    private final ProtectedItemStore items;
    private final Clock clock;

    public FleetTurnWait(ProtectedItemStore items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    @Override
    public boolean owns(String holder) {
        return holder.startsWith(CycleInProgress.TURN_HOLDER_PREFIX);
    }

    @Override
    public boolean running(String holder) {
        String itemId = holder.substring(CycleInProgress.TURN_HOLDER_PREFIX.length());
        return items.get(itemId).map(i -> i.cycle() != null && i.cycle().inProgress() != null
                && i.cycle().inProgress().turnLive(clock.instant())).orElse(false);
    }
}

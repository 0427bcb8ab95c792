package io.reprotect.replication;

import io.reprotect.pipeline.JobService;
import io.reprotect.protection.CycleInProgress;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.watchdog.OverdueCheck;
import io.reprotect.watchdog.WatchdogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Re-arms protected items whose replication stopped: the cycle is overdue by more than the grace (its due time, or
 * the resume time of the cycle in flight) and no tick holds it (no live claim), so no tick will run it: its tick was
 * lost, or its shard's membership. The item's shard gets a tick now; the tick runs it if it is still due. A cycle job
 * of the engine before fleet cycles that is still alive is the stalled-jobs check's work, not this one's.
 *
 * <p>Idempotent: the tick's message id derives from the shard and the grid point, and a tick runs only what is due;
 * two watchdog runs at once send one tick.
 */
@ApplicationScoped
public class OverdueCycles implements OverdueCheck {

    private static final Logger LOG = Logger.getLogger(OverdueCycles.class);
    private static final int PAGE = 100;

    private final ProtectedItemStore items;
    private final JobService jobs;
    private final CycleScheduler scheduler;
    private final Duration grace;
    private final ItemLifecycle lifecycle;

    @Inject
    public OverdueCycles(ProtectedItemStore items, JobService jobs, CycleScheduler scheduler, WatchdogConfig config,
                         ItemLifecycle lifecycle) {
        this(items, jobs, scheduler, config.pendingGrace(), lifecycle);
    }

    public OverdueCycles(ProtectedItemStore items, JobService jobs, CycleScheduler scheduler, Duration grace,
                         ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.items = items;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    @Override
    public String name() {
        return "overdue-cycles";
    }

    @Override
    public int healOverdue(Instant now) {
        int healed = 0;
        String continuation = null;
        do {
            ProtectedItemStore.Page page = items.list(PAGE, continuation);
            for (ProtectedItem listed : page.items()) {
                // a lifecycle job that ended without its last stage: write where it left the item first
                ProtectedItem item = listed.lifecycle().running() == null ? listed
                        : lifecycle.settleStored(listed.id()).orElse(listed);
                if (rearmIfStopped(item, now)) {
                    healed++;
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        return healed;
    }

    private boolean rearmIfStopped(ProtectedItem item, Instant now) {
        ProtectedItem.CycleStatus cycle = item.cycle();
        if (!item.isProtected() || cycle == null || cycle.nextCycleTime() == null) {
            return false;
        }
        CycleInProgress inFlight = cycle.inProgress();
        Instant expected = inFlight != null && inFlight.resumeAt() != null ? inFlight.resumeAt() : cycle.nextCycleTime();
        if (!now.isAfter(expected.plus(grace)) || inFlight != null && inFlight.turnLive(now)) {
            return false;
        }
        if (inFlight == null && cycle.nextCycleJobId() != null
                && jobs.get(cycle.nextCycleJobId()).map(j -> !j.state().ended()).orElse(false)) {
            return false; // a cycle job of the engine before fleet cycles: the stalled-jobs check's
        }
        CycleScheduler.Scheduled tick = scheduler.rearm(item, now);
        LOG.warnf("protected item %s: cycle %d was overdue since %s; shard %s ticked again", item.id(),
                cycle.lastCycle(), expected, tick.shard());
        return true;
    }
}

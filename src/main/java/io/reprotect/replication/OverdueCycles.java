package io.reprotect.replication;

import io.reprotect.job.Job;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.JobService;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.watchdog.OverdueCheck;
import io.reprotect.watchdog.WatchdogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Re-arms protected items whose replication stopped: the next cycle is overdue by more than the
 * grace and its job has ended (it failed, or was cancelled) or is missing, so no message will ever
 * start it. A new cycle is scheduled now. A cycle job that is alive but whose message was lost is
 * the stalled-jobs check's work, not this one's.
 *
 * <p>Idempotent: the new cycle's id derives from the item and its number, and the item's cycle
 * status is changed If-Match; two ticks at once schedule one cycle.
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
        if (!item.isProtected() || cycle == null || cycle.nextCycleTime() == null
                || !now.isAfter(cycle.nextCycleTime().plus(grace))) {
            return false;
        }
        Optional<Job> next = cycle.nextCycleJobId() == null ? Optional.empty() : jobs.get(cycle.nextCycleJobId());
        if (next.isPresent() && !next.get().state().ended()) {
            return false;
        }
        long number = cycle.lastCycle() + 1;
        Job rearmed;
        try {
            rearmed = scheduler.schedule(item, number, now, cycle.nextCycleJobId());
        } catch (VmBusyException e) {
            return false; // another job (a disable, a failover) holds the VM; it decides what comes next
        }
        items.change(item.id(), i -> i.cycle() != null && i.cycle().lastCycle() < number
                ? i.withCycle(new ProtectedItem.CycleStatus(number, rearmed.id(), now,
                        i.cycle().lastSuccessfulCycleTime(), i.cycle().lastRpoSeconds(), i.cycle().lastRpoCalculatedTime()))
                : i);
        LOG.warnf("protected item %s: cycle %d had stopped (%s); cycle %d scheduled", item.id(), cycle.lastCycle(),
                next.map(j -> j.state().toString()).orElse("job missing"), number);
        return true;
    }
}

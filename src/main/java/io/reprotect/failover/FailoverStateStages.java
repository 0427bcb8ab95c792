package io.reprotect.failover;

import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.CycleScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The last stage of each lifecycle workflow: moves the item to its operation's success state
 * ({@link LifecycleTable}) with the facts the job established, only while the item's
 * lifecycle still runs this job.
 *
 * <p>Idempotency: a rerun after the state was written finds the item settled by this job and changes nothing;
 * a stale job (the item moved on) fails with StaleJob and writes nothing.
 */
public abstract class FailoverStateStages extends NamedStage {

    private final ItemLifecycle lifecycle;
    private final BiFunction<ProtectedItem, StageContext, ProtectedItem> facts;

    FailoverStateStages(ItemLifecycle lifecycle, String name, BiFunction<ProtectedItem, StageContext, ProtectedItem> facts) {
        super(name);
        this.lifecycle = lifecycle;
        this.facts = facts;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = FailoverStage.plan(context).itemId();
        lifecycle.succeed(itemId, context.job(), i -> facts.apply(i, context));
        afterItemChange(context, itemId);
        return Outcome.next();
    }

    /** What a stage does once the item changed. */
    void afterItemChange(StageContext context, String itemId) {
    }

    private static ProtectedItem withLifecycle(ProtectedItem item, java.util.function.UnaryOperator<Lifecycle> change) {
        return item.withLifecycle(change.apply(item.lifecycle()));
    }

    /** The VM runs on the other side, created from a point by this job; commit, change or cancel may follow. */
    @jakarta.inject.Singleton
    public static class MarkFailedOver extends FailoverStateStages {
        public static final String NAME = "mark-failed-over";

        public MarkFailedOver(ItemLifecycle lifecycle) {
            super(lifecycle, NAME, (i, c) -> withLifecycle(i, l -> l.withFailover(FailoverStage.plan(c).type(),
                    List.of(c.job().id()), FailoverStage.point(c, FailoverStage.plan(c)).id())));
        }
    }

    /** The drill VM runs; it waits for cleanup. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverDone extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-done";

        public MarkTestFailoverDone(ItemLifecycle lifecycle) {
            super(lifecycle, NAME, (i, c) -> withLifecycle(i, l -> l.withDrillJob(c.job().id())));
        }
    }

    /** The drill left nothing behind. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverCleaned extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-cleaned";

        public MarkTestFailoverCleaned(ItemLifecycle lifecycle) {
            super(lifecycle, NAME, (i, c) -> withLifecycle(i, l -> l.withDrillJob(null)));
        }
    }

    /**
     * The failover was undone: protected as before, and replication resumes with a cycle due now (the one
     * that waited was cancelled when the failover started).
     *
     * <p>Idempotency: the cycle is scheduled only when the item's next cycle is not alive; its id derives
     * from the item and the number, so a rerun finds the same job.
     */
    @jakarta.inject.Singleton
    public static class MarkFailoverCancelled extends FailoverStateStages {
        public static final String NAME = "mark-failover-cancelled";
        private final ProtectedItemStore items;
        private final JobService jobs;
        private final CycleScheduler cycles;
        private final Clock clock;

        public MarkFailoverCancelled(ItemLifecycle lifecycle, ProtectedItemStore items, JobService jobs,
                                     CycleScheduler cycles, Clock clock) {
            super(lifecycle, NAME, (i, c) -> withLifecycle(i, l -> l.withFailover(null, List.of(), null)));
            this.items = items;
            this.jobs = jobs;
            this.cycles = cycles;
            this.clock = clock;
        }

        @Override
        void afterItemChange(StageContext context, String itemId) {
            ProtectedItem item = items.get(itemId).orElseThrow();
            if (!item.isProtected()) {
                return; // something else moved the item on since
            }
            ProtectedItem.CycleStatus cycle = item.cycle() == null ? ProtectedItem.CycleStatus.none() : item.cycle();
            boolean alive = cycle.nextCycleJobId() != null
                    && jobs.get(cycle.nextCycleJobId()).map(j -> !j.state().ended()).orElse(false);
            if (alive) {
                return;
            }
            long number = cycle.lastCycle() + 1;
            Instant now = clock.instant();
            CycleScheduler.Scheduled next = cycles.schedule(item, number, now, context.job().id());
            items.change(itemId, i -> i.cycle() == null || i.cycle().lastCycle() < number
                    ? i.withCycle(new ProtectedItem.CycleStatus(number, next.id(), now,
                            cycle.lastSuccessfulCycleTime(), cycle.lastRpoSeconds(), cycle.lastRpoCalculatedTime()))
                    : i);
        }
    }

    /**
     * The failover is final; the VM can be reprotected in the other direction. The item lists no recovery
     * points or source snapshots any more: commit kept them as a deleted item (GET /api/deleted-items) until
     * its retention period ends.
     */
    @jakarta.inject.Singleton
    public static class MarkFailoverCommitted extends FailoverStateStages {
        public static final String NAME = "mark-failover-committed";

        public MarkFailoverCommitted(ItemLifecycle lifecycle) {
            super(lifecycle, NAME, (i, c) -> i.withRecoveryPoints(List.of()).withSnapshots(List.of(), List.of()));
        }
    }
}

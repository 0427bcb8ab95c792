package io.reprotect.failover;

import io.reprotect.job.Job;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.replication.CycleScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The last stage of each failover-lifecycle workflow: records the item's new {@link FailoverStatus} and,
 * where it changes, the item's protection state (replication cycles run only while it is Protected).
 *
 * <p>Idempotency: each writes a state derived only from the job, so a rerun writes the same.
 */
public abstract class FailoverStateStages implements StageHandler {

    private final FailoverStatusStore store;
    private final ProtectedItemStore items;
    private final String name;
    private final BiFunction<FailoverStatus, StageContext, FailoverStatus> change;
    private final UnaryOperator<ProtectedItem> itemChange;

    FailoverStateStages(FailoverStatusStore store, ProtectedItemStore items, String name,
                        BiFunction<FailoverStatus, StageContext, FailoverStatus> change,
                        UnaryOperator<ProtectedItem> itemChange) {
        this.store = store;
        this.items = items;
        this.name = name;
        this.change = change;
        this.itemChange = itemChange;
    }

    @Override
    public String stage() {
        return name;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.output(FailoverPlan.INPUT, FailoverPlan.class).map(FailoverPlan::itemId)
                .orElseThrow();
        items.change(itemId, itemChange);
        afterItemChange(context, itemId);
        store.change(itemId, s -> change.apply(s, context).withRunningJob(null));
        return Outcome.next();
    }

    /** What a stage does once the item changed, before the status frees the item for the next call. */
    void afterItemChange(StageContext context, String itemId) {
    }

    private static String pointId(StageContext c) {
        return FailoverStage.point(c, FailoverStage.plan(c)).id();
    }

    /** The VM runs in the primary region; commit, change of recovery point or cancel may follow. */
    @jakarta.inject.Singleton
    public static class MarkFailedOver extends FailoverStateStages {
        public static final String NAME = "mark-failed-over";

        public MarkFailedOver(FailoverStatusStore store, ProtectedItemStore items) {
            super(store, items, NAME, (s, c) -> s.withFailover(FailoverStatus.PENDING_COMMIT,
                    FailoverStage.plan(c).type(), c.job().id(), pointId(c)),
                    i -> i.withState(ItemState.FAILED_OVER)); // replication stops: no cycle runs from now on
        }
    }

    /** The drill VM runs; it waits for cleanup. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverDone extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-done";

        public MarkTestFailoverDone(FailoverStatusStore store, ProtectedItemStore items) {
            super(store, items, NAME, (s, c) -> s.withTest(FailoverStatus.TEST_WAITING_FOR_CLEANUP, c.job().id()),
                    i -> i);
        }
    }

    /** The drill left nothing behind. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverCleaned extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-cleaned";

        public MarkTestFailoverCleaned(FailoverStatusStore store, ProtectedItemStore items) {
            super(store, items, NAME, (s, c) -> s.withTest(FailoverStatus.TEST_NONE, null), i -> i);
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

        public MarkFailoverCancelled(FailoverStatusStore store, ProtectedItemStore items, JobService jobs,
                                     CycleScheduler cycles, Clock clock) {
            super(store, items, NAME, (s, c) -> s.withFailover(FailoverStatus.NONE, null, null, null),
                    i -> i.withState(ProtectedItem.PROTECTED));
            this.items = items;
            this.jobs = jobs;
            this.cycles = cycles;
            this.clock = clock;
        }

        @Override
        void afterItemChange(StageContext context, String itemId) {
            ProtectedItem item = items.get(itemId).orElseThrow();
            ProtectedItem.CycleStatus cycle = item.cycle() == null ? ProtectedItem.CycleStatus.none() : item.cycle();
            boolean alive = cycle.nextCycleJobId() != null
                    && jobs.get(cycle.nextCycleJobId()).map(j -> !j.state().ended()).orElse(false);
            if (alive) {
                return;
            }
            long number = cycle.lastCycle() + 1;
            Instant now = clock.instant();
            Job next = cycles.schedule(item, number, now, context.job().id());
            items.change(itemId, i -> i.cycle() == null || i.cycle().lastCycle() < number
                    ? i.withCycle(new ProtectedItem.CycleStatus(number, next.id(), now,
                            cycle.lastSuccessfulCycleTime(), cycle.lastRpoSeconds(), cycle.lastRpoCalculatedTime()))
                    : i);
        }
    }

    /**
     * The failover is final; the VM can be reprotected in the other direction. The item keeps no recovery
     * points (commit deleted them with the replicas and source snapshots).
     */
    @jakarta.inject.Singleton
    public static class MarkFailoverCommitted extends FailoverStateStages {
        public static final String NAME = "mark-failover-committed";

        public MarkFailoverCommitted(FailoverStatusStore store, ProtectedItemStore items) {
            super(store, items, NAME, (s, c) -> s.withFailover(FailoverStatus.COMMITTED, s.failoverType(),
                    s.failoverJobId(), s.recoveryPointId()),
                    i -> i.withState(ItemState.FAILOVER_COMMITTED).withRecoveryPoints(List.of())
                            .withSnapshots(List.of(), List.of()));
        }
    }
}

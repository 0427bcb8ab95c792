package io.reprotect.failover;

import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;

import java.util.function.BiFunction;

/**
 * The last stage of each failover-lifecycle workflow: records the item's new {@link FailoverStatus}.
 *
 * <p>Idempotency: each writes a state derived only from the job, so a rerun writes the same.
 */
public abstract class FailoverStateStages implements StageHandler {

    private final FailoverStatusStore store;
    private final String name;
    private final BiFunction<FailoverStatus, StageContext, FailoverStatus> change;

    FailoverStateStages(FailoverStatusStore store, String name,
                        BiFunction<FailoverStatus, StageContext, FailoverStatus> change) {
        this.store = store;
        this.name = name;
        this.change = change;
    }

    @Override
    public String stage() {
        return name;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.output(FailoverPlan.INPUT, FailoverPlan.class).map(FailoverPlan::itemId)
                .orElseThrow();
        store.change(itemId, s -> change.apply(s, context).withRunningJob(null));
        return Outcome.next();
    }

    private static String pointId(StageContext c) {
        return FailoverStage.point(c, FailoverStage.plan(c)).id();
    }

    /** The VM runs in the primary region; commit, change of recovery point or cancel may follow. */
    @jakarta.inject.Singleton
    public static class MarkFailedOver extends FailoverStateStages {
        public static final String NAME = "mark-failed-over";

        public MarkFailedOver(FailoverStatusStore store) {
            super(store, NAME, (s, c) -> s.withFailover(FailoverStatus.PENDING_COMMIT, FailoverStage.plan(c).type(),
                    c.job().id(), pointId(c)));
        }
    }

    /** The drill VM runs; it waits for cleanup. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverDone extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-done";

        public MarkTestFailoverDone(FailoverStatusStore store) {
            super(store, NAME, (s, c) -> s.withTest(FailoverStatus.TEST_WAITING_FOR_CLEANUP, c.job().id()));
        }
    }

    /** The drill left nothing behind. */
    @jakarta.inject.Singleton
    public static class MarkTestFailoverCleaned extends FailoverStateStages {
        public static final String NAME = "mark-test-failover-cleaned";

        public MarkTestFailoverCleaned(FailoverStatusStore store) {
            super(store, NAME, (s, c) -> s.withTest(FailoverStatus.TEST_NONE, null));
        }
    }

    /** The failover was undone: protected as before. */
    @jakarta.inject.Singleton
    public static class MarkFailoverCancelled extends FailoverStateStages {
        public static final String NAME = "mark-failover-cancelled";

        public MarkFailoverCancelled(FailoverStatusStore store) {
            super(store, NAME, (s, c) -> s.withFailover(FailoverStatus.NONE, null, null, null));
        }
    }

    /** The failover is final; the VM can be reprotected in the other direction. */
    @jakarta.inject.Singleton
    public static class MarkFailoverCommitted extends FailoverStateStages {
        public static final String NAME = "mark-failover-committed";

        public MarkFailoverCommitted(FailoverStatusStore store) {
            super(store, NAME, (s, c) -> s.withFailover(FailoverStatus.COMMITTED, s.failoverType(),
                    s.failoverJobId(), s.recoveryPointId()));
        }
    }
}

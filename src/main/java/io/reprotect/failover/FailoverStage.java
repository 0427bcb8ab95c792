package io.reprotect.failover;

import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.RecoveryPoint;

/** Reading a failover job's plan and what its earlier stages recorded. */
final class FailoverStage {

    private FailoverStage() {
    }

    static FailoverPlan plan(StageContext context) {
        return context.require(FailoverPlan.INPUT);
    }

    /**
     * The run-time check before a destructive step: the item's lifecycle still runs this job.
     *
     * @throws PermanentStageException StaleJob otherwise
     */
    static void requireRunning(ItemLifecycle lifecycle, StageContext context) {
        lifecycle.requireRunning(plan(context).itemId(), context.job());
    }

    /**
     * The recovery point to create from: the one this job's final sync took (planned failover), else
     * the plan's.
     */
    static FailoverPlan.Point point(StageContext context, FailoverPlan plan) {
        return context.get(Outputs.RECOVERY_POINT)
                .map(p -> new FailoverPlan.Point(p.id(), p.time().toString(),
                        p.disks().stream().map(RecoveryPoint.DiskPoint::blobUrl).toList()))
                .orElse(plan.point());
    }
}

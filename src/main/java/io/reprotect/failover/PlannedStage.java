package io.reprotect.failover;

import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;

/**
 * A stage of a failover, drill or cancel workflow that works from the job's {@link FailoverPlan}: it gets the plan
 * typed ({@code run(context, plan)}); a job without one fails clearly before the stage does anything.
 */
abstract class PlannedStage extends NamedStage {

    protected PlannedStage(String name) {
        super(name);
    }

    /** Only for the client proxy CDI makes of an application-scoped stage. */
    protected PlannedStage() {
    }

    @Override
    public Outcome execute(StageContext context) {
        return run(context, FailoverStage.plan(context));
    }

    /** The stage's work on its job's plan. */
    protected abstract Outcome run(StageContext context, FailoverPlan plan);
}

package io.reprotect.plan;

import io.reprotect.pipeline.OutputKey;

/** What a plan job starts with and records, typed. */
public final class PlanOutputs {

    /** The plan as it was when the job started (later edits do not change a running job). */
    public static final OutputKey<RecoveryPlan> PLAN = OutputKey.named("recoveryPlan", RecoveryPlan.class);
    /** The operation and its options. */
    public static final OutputKey<PlanRequest> REQUEST = OutputKey.named("planRequest", PlanRequest.class);
    /** The points chosen at one common time, when the request asked for one. */
    public static final OutputKey<CommonPoints> POINTS = OutputKey.named("commonPoints", CommonPoints.class);
    /** Each group, item (with its job's id) and action, with where it stands. */
    public static final OutputKey<PlanRun> RUN = OutputKey.named("planRun", PlanRun.class);

    private PlanOutputs() {
    }
}

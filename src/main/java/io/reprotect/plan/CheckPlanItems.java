package io.reprotect.plan;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan job's first stage: checks every item again as the job runs ({@link PlanCheck}); if one item's state does
 * not allow the operation, the plan fails here and nothing has run. With a common point in time, records the point
 * chosen for every item and the largest skew between them.
 *
 * <p>Idempotency: it only reads; a rerun checks again and records the same choice (or a newer one, when a cycle
 * took a point in between and the request asked for the newest common time).
 */
@ApplicationScoped
public class CheckPlanItems extends NamedStage {

    public static final String NAME = "check-plan-items";
    private final ItemJobs jobs;

    public CheckPlanItems(ItemJobs jobs) {
        super(NAME);
        this.jobs = jobs;
    }

    @Override
    public Outcome execute(StageContext context) {
        RecoveryPlan plan = context.require(PlanOutputs.PLAN);
        PlanRequest request = context.require(PlanOutputs.REQUEST);
        PlanCheck check = PlanCheck.of(plan, request, jobs);
        if (!check.allowed()) {
            return Outcome.fail(JobError.of("PlanItemsNotAllowed", "Recovery plan " + plan.name() + " cannot run "
                    + request.operation() + ": " + check.refusals() + ". Nothing was started.",
                    "An item's state changed since the plan was started, or it is in another job.",
                    "Bring each item named into a state that allows " + request.operation().itemOperation()
                            + " (GET /api/protected-items/{id} lists its allowedOperations), or move it out of the "
                            + "plan, then start the plan operation again."));
        }
        List<Output> outputs = new ArrayList<>();
        outputs.add(PlanOutputs.RUN.of(PlanRun.start(plan, request.operation(), check.skipped())));
        if (check.points() != null) {
            outputs.add(PlanOutputs.POINTS.of(check.points()));
        }
        return Outcome.next(outputs);
    }
}

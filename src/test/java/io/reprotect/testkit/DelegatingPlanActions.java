package io.reprotect.testkit;

import io.reprotect.plan.ActionRun;
import io.reprotect.plan.PlanAction;
import io.reprotect.plan.PlanActions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Plan actions that go to whatever a test puts in place now (the fixture's stages are built once). */
public final class DelegatingPlanActions implements PlanActions {

    private final Supplier<PlanActions> current;

    public DelegatingPlanActions(Supplier<PlanActions> current) {
        this.current = current;
    }

    @Override
    public List<String> problems(PlanAction action) {
        return current.get().problems(action);
    }

    @Override
    public ActionRun start(String planJobId, String actionId, PlanAction action, Instant now) {
        return current.get().start(planJobId, actionId, action, now);
    }

    @Override
    public ActionRun check(ActionRun run, PlanAction action, Instant now) {
        return current.get().check(run, action, now);
    }

    @Override
    public Duration checkAgainIn(ActionRun run, Instant now) {
        return current.get().checkAgainIn(run, now);
    }
}

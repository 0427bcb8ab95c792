package io.reprotect.testkit;

import io.reprotect.plan.ActionRun;
import io.reprotect.plan.PlanAction;
import io.reprotect.plan.PlanActions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The action runner of fixtures and benchmarks whose plans have no actions: any action it is asked to start fails at
 * once, saying so; a test that runs actions puts a fake or the real runner in its place.
 */
public final class NoPlanActions implements PlanActions {

    @Override
    public List<String> problems(PlanAction action) {
        return List.of();
    }

    @Override
    public ActionRun start(String planJobId, String actionId, PlanAction action, Instant now) {
        return new ActionRun(actionId, action.kind(), ActionRun.Status.FAILED, now, now, null, null, null,
                "this fixture runs no plan actions");
    }

    @Override
    public ActionRun check(ActionRun run, PlanAction action, Instant now) {
        return run;
    }

    @Override
    public Duration checkAgainIn(ActionRun run, Instant now) {
        return Duration.ofSeconds(15);
    }
}

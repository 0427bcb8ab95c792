package io.reprotect.plan;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stand-in for the action runner until it is merged: every action ends FAILED ("not available in this build") at
 * once, so a plan with actions stops where its first action stops it. Replaced by the actions branch's runner.
 */
@Singleton
public class OperatorActions implements PlanActions {

    @Override
    public List<String> problems(PlanAction action) {
        return List.of();
    }

    @Override
    public ActionRun start(String planJobId, String actionId, PlanAction action, Instant now) {
        return new ActionRun(actionId, action.kind(), ActionRun.Status.FAILED, now, now, null, null, null,
                "not available in this build");
    }

    @Override
    public ActionRun check(ActionRun run, PlanAction action, Instant now) {
        return run;
    }

    @Override
    public Duration checkAgainIn(ActionRun run, Instant now) {
        return Duration.ZERO;
    }
}

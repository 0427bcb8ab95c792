package io.reprotect.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Actions a test controls: a start records the action and leaves it running; the first check ends it, FAILED for
 * the names in {@link #failing}, else SUCCEEDED. Starting one id twice returns the first run.
 */
final class FakePlanActions implements PlanActions {

    final List<String> events;
    final Set<String> failing = new HashSet<>();
    final Map<String, ActionRun> runs = new HashMap<>();

    FakePlanActions(List<String> events) {
        this.events = events;
    }

    @Override
    public List<String> problems(PlanAction action) {
        return action.timeout() == null ? List.of("timeout: required") : List.of();
    }

    @Override
    public ActionRun start(String planJobId, String actionId, PlanAction action, Instant now) {
        return runs.computeIfAbsent(actionId, id -> {
            events.add("start action " + action.name());
            return new ActionRun(id, action.kind(), ActionRun.Status.RUNNING, now, now.plus(action.timeout()), null,
                    null, null, null);
        });
    }

    @Override
    public ActionRun check(ActionRun run, PlanAction action, Instant now) {
        if (run.status().ended()) {
            return run;
        }
        boolean fails = failing.contains(action.name());
        events.add("end action " + action.name());
        ActionRun ended = new ActionRun(run.actionId(), run.kind(), fails ? ActionRun.Status.FAILED
                : ActionRun.Status.SUCCEEDED, run.startedAt(), run.deadline(), null, null, null,
                fails ? "the Logic App answered 500" : null);
        runs.put(run.actionId(), ended);
        return ended;
    }

    @Override
    public Duration checkAgainIn(ActionRun run, Instant now) {
        return Duration.ofSeconds(5);
    }

    static PlanAction manual(String name, boolean stops) {
        return new PlanAction(name, PlanAction.Kind.MANUAL, null, null, "Confirm the database is up", Duration.ofHours(1),
                stops);
    }
}

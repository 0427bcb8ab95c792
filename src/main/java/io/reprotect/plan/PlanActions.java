package io.reprotect.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the actions of recovery plans. Never blocks on the target: {@link #start} sends the call, message or
 * approval request and returns at once; {@link #check} looks again (poll, callback received, approval given,
 * deadline passed) and returns at once.
 */
public interface PlanActions {

    /** What is wrong with an action as a plan states it (empty when nothing is); for 400 answers on PUT. */
    List<String> problems(PlanAction action);

    /**
     * Starts an action. Idempotent on {@code actionId}: a second start of the same id returns the run the first
     * started, and sends nothing again.
     */
    ActionRun start(String planJobId, String actionId, PlanAction action, Instant now);

    /** Looks at a running action again; an ended run is returned as it is. */
    ActionRun check(ActionRun run, PlanAction action, Instant now);

    /** How long to wait before checking a running action again. */
    Duration checkAgainIn(ActionRun run, Instant now);
}

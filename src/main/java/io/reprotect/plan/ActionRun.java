package io.reprotect.plan;

import java.time.Instant;

/**
 * Where a started plan action stands; kept in the plan job's checkpoint and shown in its record.
 *
 * @param actionId unique within the plan job (group, phase and action name); starting the same id twice starts it once
 * @param kind the action's kind
 * @param status where it stands
 * @param startedAt when it was started
 * @param deadline when it times out
 * @param pollUrl for an HTTP action answered 202: where to poll (never holds a secret shown to users)
 * @param callbackId for an HTTP action: the id of the callback URL the engine gave the target
 * @param approvalId for a manual action: the approval a person grants or refuses
 * @param message what happened, for people
 */
public record ActionRun(String actionId, PlanAction.Kind kind, Status status, Instant startedAt, Instant deadline,
        String pollUrl, String callbackId, String approvalId, String message) {

    /** Where an action stands. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, TIMED_OUT;

        /** Whether the action has ended. */
        public boolean ended() {
            return this != RUNNING;
        }
    }
}

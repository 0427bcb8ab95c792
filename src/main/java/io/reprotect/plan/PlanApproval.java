package io.reprotect.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.RequestedBy;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A manual action of a running recovery plan, waiting for a person to approve or refuse it.
 *
 * @param id the approval's id
 * @param planJobId the plan job that waits
 * @param actionId the action within it
 * @param actionName the action's name in the plan
 * @param instructions what the person is asked to do
 * @param requestedAt when the plan reached the action
 * @param expiresAt the action's deadline: after it the approval can no longer be given and the action timed out
 * @param state Pending, then Approved or Refused once; Expired when read after {@code expiresAt}
 * @param decidedBy who approved or refused
 * @param decidedAt when
 * @param comment what they said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PlanApproval", description = "A manual action of a running recovery plan that waits for a person")
public record PlanApproval(String id, String planJobId, String actionId, String actionName, String instructions,
        Instant requestedAt, Instant expiresAt, State state, RequestedBy decidedBy, Instant decidedAt,
        String comment) {

    /** Where an approval stands. */
    public enum State {
        /** Waiting for a person. */
        Pending,
        /** Approved: the plan goes on. */
        Approved,
        /** Refused: the action failed (the plan stops if the action says so). */
        Refused,
        /** Not decided before the action's deadline: the action timed out. */
        Expired
    }

    /** The approval as of {@code now}: a Pending one past its deadline reads as Expired. */
    public PlanApproval asOf(Instant now) {
        return state == State.Pending && !now.isBefore(expiresAt) ? decided(State.Expired, null, null, null) : this;
    }

    PlanApproval decided(State value, RequestedBy who, Instant at, String text) {
        return new PlanApproval(id, planJobId, actionId, actionName, instructions, requestedAt, expiresAt, value, who,
                at, text);
    }
}

package io.reprotect.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.RequestedBy;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A destructive operation waiting for a second Administrator (the two-person rule), stored as one JSON record in the
 * job store's container and changed only with the ETag it was read with.
 *
 * @param id the approval's id (a UUID)
 * @param operation what runs once approved ({@code disable-protection})
 * @param target what it runs on (the protected item's id)
 * @param requestedBy who asked; may not approve it
 * @param requestedAt when it was asked
 * @param expiresAt after this it can no longer be approved
 * @param state Pending, then Approved once (never twice); Expired when read after {@code expiresAt}
 * @param approvedBy the second principal who approved it
 * @param approvedAt when it was approved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Approval", description = "A destructive operation that waits for a second Administrator's approval")
public record Approval(String id, String operation, String target, RequestedBy requestedBy, Instant requestedAt,
        Instant expiresAt, ApprovalState state, RequestedBy approvedBy, Instant approvedAt) {

    /** Where an approval stands. */
    public enum ApprovalState {
        /** Waiting for a second Administrator. */
        Pending,
        /** Approved: the operation ran (or was refused by the item's state); it cannot be approved again. */
        Approved,
        /** Not approved within the time limit; it cannot be approved any more. */
        Expired
    }

    /** The approval as of {@code now}: a Pending one past its expiry reads as Expired. */
    public Approval asOf(Instant now) {
        return state == ApprovalState.Pending && now.isAfter(expiresAt) ? withState(ApprovalState.Expired, null, null)
                : this;
    }

    Approval approved(RequestedBy approver, Instant now) {
        return withState(ApprovalState.Approved, approver, now);
    }

    private Approval withState(ApprovalState value, RequestedBy approver, Instant at) {
        return new Approval(id, operation, target, requestedBy, requestedAt, expiresAt, value, approver, at);
    }
}

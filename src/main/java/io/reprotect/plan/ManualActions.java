package io.reprotect.plan;

import io.reprotect.job.RequestedBy;
import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Manual actions: a {@link PlanApproval} a person with the Operator role approves or refuses (with a comment)
 * before the action's deadline. A decision is taken once: the same decision again changes nothing, another one
 * is refused; after the deadline none is taken and the action timed out.
 */
@ApplicationScoped
public class ManualActions {

    private static final Logger LOG = Logger.getLogger(ManualActions.class);

    private final ActionStore store;
    private final Clock clock;

    public ManualActions(ActionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a person decides. */
    public enum Decision {
        Approve, Refuse
    }

    ActionRecord request(ActionRecord record, PlanAction action) {
        store.createOrGet(new PlanApproval(record.approvalId(), record.planJobId(), record.actionId(), action.name(),
                action.instructions(), record.startedAt(), record.deadline(), PlanApproval.State.Pending, null, null,
                null));
        return record;
    }

    /** The action as its approval stands at {@code now}. */
    ActionRecord check(ActionRecord record, Instant now) {
        if (record.status().ended()) {
            return record;
        }
        Optional<PlanApproval> approval = store.approval(record.approvalId(), now);
        if (approval.isEmpty()) {
            return record; // its start has not written it yet
        }
        PlanApproval a = approval.get();
        ActionRecord ended = switch (a.state()) {
            case Pending -> record;
            case Approved -> record.ended(ActionRun.Status.SUCCEEDED, ActionRecord.EndedBy.PERSON, a.decidedAt(),
                    "Approved by " + a.decidedBy().name() + said(a));
            case Refused -> record.ended(ActionRun.Status.FAILED, ActionRecord.EndedBy.PERSON, a.decidedAt(),
                    "Refused by " + a.decidedBy().name() + said(a));
            case Expired -> record.ended(ActionRun.Status.TIMED_OUT, ActionRecord.EndedBy.TIMEOUT, now,
                    "Timed out at " + a.expiresAt() + ": nobody approved or refused it");
        };
        if (ended == record) {
            return record;
        }
        return store.change(ActionStore.key(record.planJobId(), record.actionId()),
                r -> r.status().ended() ? r : ended).orElse(ended);
    }

    /**
     * Approves or refuses as {@code who}.
     *
     * @throws PlanActionRefusedException unknown (404), expired or already decided otherwise (409)
     */
    public PlanApproval decide(String approvalId, Decision decision, String comment, RequestedBy who) {
        Instant now = clock.instant();
        PlanApproval.State wanted = decision == Decision.Approve ? PlanApproval.State.Approved
                : PlanApproval.State.Refused;
        String text = comment == null || comment.isBlank() ? null : Printable.of(comment, ActionLimits.MAX_COMMENT_CHARS);
        PlanApproval[] before = new PlanApproval[1];
        PlanApproval after = store.changeApproval(approvalId, stored -> {
            PlanApproval a = stored.asOf(now);
            before[0] = a;
            return a.state() == PlanApproval.State.Pending ? a.decided(wanted, who, now, text) : stored;
        }).orElseThrow(() -> PlanActionRefusedException.approvalNotFound(approvalId));
        PlanApproval was = before[0];
        if (was.state() == PlanApproval.State.Pending) {
            LOG.infof("plan job %s action %s: %s by %s", after.planJobId(), Printable.value(after.actionId()),
                    wanted, Printable.value(who.name()));
            return after;
        }
        if (was.state() == wanted) {
            return was; // the same decision again: nothing changes
        }
        throw PlanActionRefusedException.approvalDecided(was);
    }

    /** The refusal of an unknown approval id. */
    public static PlanActionRefusedException notFound(String approvalId) {
        return PlanActionRefusedException.approvalNotFound(approvalId);
    }

    public Optional<PlanApproval> get(String approvalId) {
        return store.approval(approvalId, clock.instant());
    }

    /** Approvals waiting for a person, oldest first. */
    public List<PlanApproval> pending() {
        return store.pendingApprovals(clock.instant()).stream()
                .sorted(Comparator.comparing(PlanApproval::requestedAt)).toList();
    }

    private static String said(PlanApproval a) {
        return a.comment() == null ? "" : ": " + a.comment();
    }
}

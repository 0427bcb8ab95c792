package io.reprotect.plan;

import io.reprotect.request.Printable;

/**
 * A callback or a decision on a plan action that is refused; nothing was changed. Its kind is a heading of
 * docs/errors.md.
 */
public class PlanActionRefusedException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final String planJobId;

    PlanActionRefusedException(int status, String kind, String title, String detail, String planJobId) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.planJobId = planJobId;
    }

    /** The plan job the action belongs to (a 409 links to it), or null when no action was found. */
    public String planJobId() {
        return planJobId;
    }

    /** HTTP status: 404 unknown, 409 ended or decided. */
    public int status() {
        return status;
    }

    /** Problem type: plan-callback-not-found, plan-action-ended, plan-approval-not-found, plan-approval-decided. */
    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    static PlanActionRefusedException callbackNotFound() {
        return new PlanActionRefusedException(404, "plan-callback-not-found", "Callback not found",
                "No running plan action has this callback URL; use the callbackUrl the engine sent, whole", null);
    }

    static PlanActionRefusedException actionEnded(ActionRecord r) {
        return new PlanActionRefusedException(409, "plan-action-ended", "Plan action already ended",
                "Action " + Printable.value(r.actionId()) + " of plan job " + r.planJobId() + " ended "
                        + r.status() + " at " + r.endedAt() + " (" + Printable.value(r.message())
                        + "); this callback changes nothing", r.planJobId());
    }

    static PlanActionRefusedException approvalNotFound(String id) {
        return new PlanActionRefusedException(404, "plan-approval-not-found", "Plan approval not found",
                "There is no plan approval with id " + Printable.value(id)
                        + "; GET /api/recovery-plans/approvals lists the pending ones", null);
    }

    static PlanActionRefusedException approvalDecided(PlanApproval a) {
        String detail = a.state() == PlanApproval.State.Expired
                ? "Approval " + a.id() + " expired at " + a.expiresAt() + ": the action timed out and the plan went on "
                        + "without it (or stopped, if the action stops it)"
                : "Approval " + a.id() + " was already " + a.state() + " by " + Printable.value(a.decidedBy().name())
                        + " at " + a.decidedAt() + "; a decision is taken once";
        return new PlanActionRefusedException(409, "plan-approval-decided", "Plan approval already decided", detail,
                a.planJobId());
    }
}

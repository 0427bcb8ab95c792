package io.reprotect.security;

/**
 * An approval that cannot be given: unknown, already used, expired, asked by the approver, or an approver without an
 * identity of its own. Nothing was changed.
 *
 * @see Approvals#approve
 */
public class ApprovalRefusedException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;

    public ApprovalRefusedException(int status, String kind, String title, String detail) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    /** HTTP status: 404 unknown, 409 used or expired, 403 self-approval or a key holder approving. */
    public int status() {
        return status;
    }

    /** Problem type, an anchor of docs/errors.md: approval-not-found, approval-used, approval-expired, self-approval, approver-not-principal. */
    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }
}

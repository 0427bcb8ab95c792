package io.reprotect.security;

import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.RequestedBy;
import io.reprotect.job.Versioned;
import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The two-person rule (optional, {@link SecurityConfig.TwoPersonRule}): a destructive operation asked by one
 * principal runs only once a second principal with the Administrator role approves it within the time limit. An
 * approval is used once: a replayed, expired or self-given approval is refused and changes nothing.
 */
@ApplicationScoped
public class Approvals {

    private static final Logger LOG = Logger.getLogger(Approvals.class);

    private final ApprovalStore store;
    private final SecurityConfig config;
    private final Clock clock;

    public Approvals(ApprovalStore store, SecurityConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Whether destructive operations wait for a second Administrator. */
    public boolean required() {
        return config.twoPersonRule().enabled();
    }

    /**
     * Records a pending approval of {@code operation} on {@code target}, asked by the current caller.
     *
     * @throws IllegalStateException outside a request with a caller (a bug: gated operations are HTTP calls)
     */
    public Approval request(String operation, String target) {
        RequestedBy requester = Optional.ofNullable(CurrentCaller.requester())
                .orElseThrow(() -> new IllegalStateException("an approval needs a caller"));
        Instant now = clock.instant();
        Approval approval = new Approval(UUID.randomUUID().toString(), operation, target, requester, now,
                now.plus(config.twoPersonRule().approvalTimeLimit()), Approval.ApprovalState.Pending, null, null);
        store.create(approval);
        LOG.infof("approval %s: %s of %s asked by %s, waits for a second Administrator until %s", approval.id(),
                operation, Printable.value(target), Printable.value(requester.name()), approval.expiresAt());
        return approval;
    }

    /**
     * Approves a pending approval as the current caller (the resource has checked the Administrator role), once.
     *
     * @return the approval, now Approved: run its operation as its requester
     * @throws ApprovalRefusedException unknown, not pending (used), expired, asked by the same principal, or the
     *         approver is a function key holder (key holders cannot be told apart)
     */
    public Approval approve(String id) {
        Versioned<Approval> read = find(id);
        Approval approval = read.value().asOf(clock.instant());
        RequestedBy approver = CurrentCaller.requester();
        switch (approval.state()) {
            case Approved -> throw new ApprovalRefusedException(409, "approval-used", "Approval already used",
                    "Approval " + id + " was already given by " + approval.approvedBy().name() + " at "
                            + approval.approvedAt() + "; an approval is used once. Ask again for a new one.");
            case Expired -> throw new ApprovalRefusedException(409, "approval-expired", "Approval expired",
                    "Approval " + id + " expired at " + approval.expiresAt() + " (time limit "
                            + config.twoPersonRule().approvalTimeLimit() + "); the operation did not run. Ask again.");
            case Pending -> { }
        }
        if (approver == null || approver.kind() != RequestedBy.RequesterKind.EntraPrincipal) {
            throw new ApprovalRefusedException(403, "approver-not-principal", "Approver must be an Entra principal",
                    "An approval needs an Entra ID principal with the Administrator role: function key holders "
                            + "cannot be told apart, so a key cannot be a second person");
        }
        if (approver.samePrincipal(approval.requestedBy())) {
            throw new ApprovalRefusedException(403, "self-approval", "Self-approval refused",
                    "Approval " + id + " was asked by " + approver.name() + ", who cannot approve it; another "
                            + "principal with the Administrator role must");
        }
        Approval approved = approval.approved(approver, clock.instant());
        try {
            store.replace(approved, read.etag());
        } catch (ConcurrentUpdateException e) {
            throw new ApprovalRefusedException(409, "approval-used", "Approval already used",
                    "Approval " + id + " was changed by another call at the same time; read it again");
        }
        LOG.infof("approval %s: %s of %s approved by %s", id, approved.operation(), Printable.value(approved.target()),
                Printable.value(approver.name()));
        return approved;
    }

    /** The approval as of now. */
    public Optional<Approval> get(String id) {
        return parse(id).flatMap(store::get).map(v -> v.value().asOf(clock.instant()));
    }

    /** Approvals waiting for a second Administrator, oldest first. */
    public List<Approval> pending() {
        Instant now = clock.instant();
        return store.listPending(now).stream().map(a -> a.asOf(now)).filter(a -> a.state() == Approval.ApprovalState.Pending)
                .sorted(Comparator.comparing(Approval::requestedAt)).toList();
    }

    private Versioned<Approval> find(String id) {
        return parse(id).flatMap(store::get).orElseThrow(() -> new ApprovalRefusedException(404,
                "approval-not-found", "Approval not found", "There is no approval with id " + Printable.value(id)
                        + "; GET /api/approvals lists the pending ones"));
    }

    /** Ids are UUIDs: anything else names no approval (and never reaches a blob name). */
    private static Optional<String> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id).toString()).filter(u -> u.equalsIgnoreCase(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

package io.reprotect.plan;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The engine's {@link PlanActions}: HTTP calls ({@link HttpActions}), queue messages ({@link QueueActions}) and
 * manual approvals ({@link ManualActions}). Each start first writes the action's record (keyed by plan job and
 * action id, created only if absent), so a second start, after a redelivery or a restart, finds the first and
 * sends nothing again; each check reads the record, so a restart continues where the last check left it.
 */
@ApplicationScoped
public class OperatorActions implements PlanActions {

    private final ActionStore store;
    private final HttpActions http;
    private final QueueActions queue;
    private final ManualActions manual;
    private final PlanActionsConfig config;
    private final ActionProblems problems;

    public OperatorActions(ActionStore store, HttpActions http, QueueActions queue, ManualActions manual,
            PlanActionsConfig config) {
        this.store = store;
        this.http = http;
        this.queue = queue;
        this.manual = manual;
        this.config = config;
        this.problems = new ActionProblems(config.allowLocalHttp());
    }

    @Override
    public List<String> problems(PlanAction action) {
        return problems.of(action);
    }

    /**
     * Idempotent on {@code actionId}: the record the first start wrote wins; a start that finds an HTTP call or a
     * message not yet sent (its first start died mid-way) sends it, with the same message id for a queue. An
     * invalid action is not started: its run ends FAILED at once, saying why.
     */
    @Override
    public ActionRun start(String planJobId, String actionId, PlanAction action, Instant now) {
        String key = ActionStore.key(planJobId, actionId);
        List<String> wrong = problems(action);
        PlanAction.Kind kind = action == null ? null : action.kind();
        Duration timeout = action == null || action.timeout() == null ? ActionLimits.MIN_TIMEOUT : action.timeout();
        ActionRecord fresh = new ActionRecord(planJobId, actionId, action == null ? null : action.name(), kind,
                ActionRun.Status.RUNNING, now, now.plus(timeout), kind == PlanAction.Kind.HTTP ? key : null, List.of(),
                kind == PlanAction.Kind.MANUAL ? key : null, null, null, 0, null, null, null, null,
                kind == PlanAction.Kind.MANUAL ? "Waiting for a person to approve or refuse it" : null);
        if (!wrong.isEmpty()) {
            fresh = fresh.ended(ActionRun.Status.FAILED, ActionRecord.EndedBy.INVALID, now,
                    "Not started: " + String.join("; ", wrong));
        }
        ActionRecord record = store.createOrGet(fresh);
        if (record.status().ended()) {
            return record.run();
        }
        return switch (record.kind()) {
            case HTTP -> (record.sentAt() == null ? http.send(record, action, now) : record).run();
            case QUEUE -> queue.send(record, action, now).run();
            case MANUAL -> manual.request(record, action).run();
        };
    }

    @Override
    public ActionRun check(ActionRun run, PlanAction action, Instant now) {
        if (run.status().ended() || run.kind() == null) {
            return run;
        }
        return switch (run.kind()) {
            case HTTP -> store.get(run.callbackId()).map(r -> http.check(r, action, now).run()).orElse(run);
            case MANUAL -> store.get(run.approvalId()).map(r -> manual.check(r, now).run()).orElse(run);
            case QUEUE -> run; // a queue action ends when its start sends the message
        };
    }

    @Override
    public Duration checkAgainIn(ActionRun run, Instant now) {
        if (run.status().ended()) {
            return Duration.ZERO;
        }
        if (run.kind() == PlanAction.Kind.HTTP) {
            var record = store.get(run.callbackId());
            if (record.isPresent()) {
                return http.checkAgainIn(record.get(), now);
            }
        }
        Instant next = now.plus(config.checkInterval());
        Duration wait = Duration.between(now, next.isAfter(run.deadline()) ? run.deadline() : next);
        return wait.compareTo(ActionLimits.MIN_RETRY_AFTER) < 0 ? ActionLimits.MIN_RETRY_AFTER : wait;
    }
}

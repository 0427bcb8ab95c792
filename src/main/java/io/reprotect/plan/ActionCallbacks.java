package io.reprotect.plan;

import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Callbacks of HTTP targets on the URL the engine gave them ({@code /api/recovery-plans/callbacks/{id}}): the
 * first ends the action Succeeded or Failed; the same callback again changes nothing; one for an action that
 * ended otherwise (answered, polled, timed out) is refused.
 */
@ApplicationScoped
public class ActionCallbacks {

    private static final Logger LOG = Logger.getLogger(ActionCallbacks.class);

    private final ActionStore store;
    private final Clock clock;

    public ActionCallbacks(ActionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the target reports. */
    public enum Result {
        Succeeded, Failed
    }

    /**
     * @return the action's run after the callback
     * @throws PlanActionRefusedException no action has this token (404), or it ended otherwise (409)
     */
    public ActionRun receive(String token, Result result, String message) {
        String[] parts = CallbackTokens.split(token).orElseThrow(PlanActionRefusedException::callbackNotFound);
        ActionRecord record = store.get(parts[0]).filter(r -> CallbackTokens.matches(parts[1],
                r.callbackSecretHashes())).orElseThrow(PlanActionRefusedException::callbackNotFound);
        Instant now = clock.instant();
        ActionRun.Status wanted = result == Result.Succeeded ? ActionRun.Status.SUCCEEDED : ActionRun.Status.FAILED;
        String text = "The target called back: " + result + (message == null || message.isBlank() ? ""
                : ": " + Printable.of(message, ActionLimits.MAX_COMMENT_CHARS));
        ActionRecord after = store.change(parts[0], r -> {
            if (r.status().ended()) {
                return r;
            }
            return !now.isBefore(r.deadline()) ? r.ended(ActionRun.Status.TIMED_OUT, ActionRecord.EndedBy.TIMEOUT,
                    now, "Timed out at " + r.deadline() + ": the callback came at " + now)
                    : r.ended(wanted, ActionRecord.EndedBy.CALLBACK, now, text);
        }).orElseThrow(PlanActionRefusedException::callbackNotFound);
        boolean mine = after.endedBy() == ActionRecord.EndedBy.CALLBACK && after.endedAt().equals(now)
                && !record.status().ended();
        if (mine) {
            LOG.infof("plan job %s action %s: the target called back %s", after.planJobId(),
                    Printable.value(after.actionId()), result);
            return after.run();
        }
        if (after.endedBy() == ActionRecord.EndedBy.CALLBACK) {
            return after.run(); // a callback that arrives again: accepted once, nothing changes
        }
        throw PlanActionRefusedException.actionEnded(after);
    }
}

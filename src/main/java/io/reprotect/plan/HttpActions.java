package io.reprotect.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.job.JobJson;
import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * HTTP actions: sends the call once (a second start finds the first's record), then, on each check, polls the
 * Location a 202 gave (honouring Retry-After) or waits for the target's callback, until the deadline.
 *
 * <p>Delivery: a call that did not reach the target (connection refused, 429, 5xx) is sent again later with the
 * same {@code actionId}; a start that died mid-send is taken over once twice the request timeout has passed. So a
 * target may, rarely, see one action twice: the body's {@code actionId} tells it so. Headers are never logged or
 * stored in the record; URLs are logged without their query (a Logic App's URL carries its signature there).
 */
@ApplicationScoped
public class HttpActions {

    private static final Logger LOG = Logger.getLogger(HttpActions.class);
    private static final String CALLBACK_PATH = "/recovery-plans/callbacks/";

    private final ActionStore store;
    private final ActionHttp http;
    private final PlanActionsConfig config;
    private final ActionProblems problems;
    private final Optional<String> websiteHostName;

    public HttpActions(ActionStore store, ActionHttp http, PlanActionsConfig config,
            @ConfigProperty(name = "WEBSITE_HOSTNAME") Optional<String> websiteHostName) {
        this.store = store;
        this.http = http;
        this.config = config;
        this.problems = new ActionProblems(config.allowLocalHttp());
        this.websiteHostName = websiteHostName;
    }

    /** Sends the call of a new (or unsent) record and records what came of it. */
    ActionRecord send(ActionRecord record, PlanAction action, Instant now) {
        CallbackTokens.Token token = CallbackTokens.issue(record.callbackId());
        boolean[] claimed = {false};
        ActionRecord current = store.change(record.callbackId(), r -> {
            claimed[0] = mayClaim(r, now);
            return claimed[0] ? r.sending(now, token.secretHash()) : r;
        }).orElse(record);
        if (!claimed[0]) {
            return current;
        }
        PlanAction.HttpCall call = action.http();
        String method = call.method() == null ? "POST" : call.method();
        ObjectNode body = call.body() != null && call.body().isObject() ? call.body().deepCopy()
                : JobJson.MAPPER.createObjectNode();
        body.put("planJobId", record.planJobId()).put("actionId", record.actionId())
                .put("callbackUrl", callbackBase() + CALLBACK_PATH + token.value());
        ActionHttp.Answer answer = http.call(method, URI.create(call.url()), headers(call), JobJson.write(body), now);
        String what = method + " " + ActionRecord.shown(call.url());
        LOG.infof("plan job %s action %s: %s answered %s", record.planJobId(), Printable.value(record.actionId()),
                Printable.value(what), answer.status() == 0 ? answer.error() : answer.status());
        return store.change(record.callbackId(), r -> r.status().ended() ? r : afterCall(r, what, answer, call.url(), now))
                .orElse(current);
    }

    /** Polls, sends again or times out, as the record says is due. */
    ActionRecord check(ActionRecord record, PlanAction action, Instant now) {
        if (record.status().ended()) {
            return record;
        }
        if (!now.isBefore(record.deadline())) {
            return store.change(record.callbackId(), r -> r.status().ended() ? r : r.ended(ActionRun.Status.TIMED_OUT,
                    ActionRecord.EndedBy.TIMEOUT, now, timedOut(r))).orElse(record);
        }
        if (record.sentAt() == null) {
            return mayClaim(record, now) ? send(record, action, now) : record;
        }
        if (record.pollUrl() != null && record.nextAttemptAt() != null && !now.isBefore(record.nextAttemptAt())) {
            return poll(record, action, now);
        }
        return record;
    }

    /** When to look again: the next poll or send if one is due before the deadline, else the check interval. */
    Duration checkAgainIn(ActionRecord record, Instant now) {
        Instant next = record.nextAttemptAt() != null ? record.nextAttemptAt() : now.plus(config.checkInterval());
        if (next.isAfter(record.deadline())) {
            next = record.deadline();
        }
        Duration wait = Duration.between(now, next);
        return wait.compareTo(ActionLimits.MIN_RETRY_AFTER) < 0 ? ActionLimits.MIN_RETRY_AFTER : wait;
    }

    private ActionRecord poll(ActionRecord record, PlanAction action, Instant now) {
        URI poll = URI.create(record.pollUrl());
        URI target = URI.create(action.http().url());
        // the action's headers (a key, say) go only to the origin they were written for
        Map<String, String> headers = sameOrigin(poll, target) ? headers(action.http()) : Map.of();
        ActionHttp.Answer answer = http.call("GET", poll, headers, null, now);
        String what = "poll of " + ActionRecord.shown(record.pollUrl());
        LOG.debugf("plan job %s action %s: %s answered %s", record.planJobId(), Printable.value(record.actionId()),
                Printable.value(what), answer.status() == 0 ? answer.error() : answer.status());
        return store.change(record.callbackId(), r -> r.status().ended() ? r : afterPoll(r, what, answer, now))
                .orElse(record);
    }

    private ActionRecord afterCall(ActionRecord r, String what, ActionHttp.Answer answer, String url, Instant now) {
        int status = answer.status();
        if (answer.failure() == ActionHttp.Failure.NO_ANSWER) {
            return r.waiting(null, now, null, what + ": " + answer.error() + "; the call may have arrived, so it is "
                    + "not sent again: waiting for a callback until " + r.deadline());
        }
        if (answer.failure() == ActionHttp.Failure.NOT_REACHED || transientStatus(status)) {
            return retry(r, what, answer, now);
        }
        if (status == 202) {
            if (answer.location().isEmpty()) {
                return r.waiting(null, now, null, what + " answered 202: waiting for its callback until "
                        + r.deadline());
            }
            return accepted(r, what, answer, URI.create(url), now);
        }
        if (status >= 200 && status < 300) {
            return r.waiting(null, now, null, null).ended(ActionRun.Status.SUCCEEDED, ActionRecord.EndedBy.RESPONSE,
                    now, what + " answered " + status);
        }
        return r.waiting(null, now, null, null).ended(ActionRun.Status.FAILED, ActionRecord.EndedBy.RESPONSE, now,
                what + " answered " + status + quoted(answer) + "; the call is not sent again");
    }

    private ActionRecord afterPoll(ActionRecord r, String what, ActionHttp.Answer answer, Instant now) {
        int status = answer.status();
        if (answer.failure() != ActionHttp.Failure.NONE || transientStatus(status)) {
            Instant next = now.plus(answer.retryAfter().orElse(backoff(r)));
            return r.waiting(r.pollUrl(), r.sentAt(), next, what + ": " + (status == 0 ? answer.error()
                    : "answered " + status) + "; polling again at " + next);
        }
        if (status == 202) {
            return accepted(r, what, answer, URI.create(r.pollUrl()), now);
        }
        if (status >= 200 && status < 300) {
            return r.ended(ActionRun.Status.SUCCEEDED, ActionRecord.EndedBy.POLL, now, what + " answered " + status);
        }
        return r.ended(ActionRun.Status.FAILED, ActionRecord.EndedBy.POLL, now, what + " answered " + status
                + quoted(answer));
    }

    /** A 202: poll its Location (resolved against {@code base}, and checked as an action URL) after Retry-After. */
    private ActionRecord accepted(ActionRecord r, String what, ActionHttp.Answer answer, URI base, Instant now) {
        String location = r.pollUrl();
        if (answer.location().isPresent()) {
            String resolved;
            try {
                resolved = base.resolve(answer.location().get()).toString();
            } catch (IllegalArgumentException e) {
                resolved = answer.location().get();
            }
            Optional<String> refused = problems.url("the Location it answered", resolved);
            if (refused.isPresent()) {
                return r.ended(ActionRun.Status.FAILED, ActionRecord.EndedBy.POLL, now, what + " answered 202, but "
                        + refused.get() + "; the engine does not poll it");
            }
            location = resolved;
        }
        Instant next = now.plus(answer.retryAfter().orElse(config.checkInterval()));
        return r.waiting(location, r.sentAt() == null ? now : r.sentAt(), next, what + " answered 202: polling "
                + ActionRecord.shown(location) + " from " + next + " until " + r.deadline());
    }

    private ActionRecord retry(ActionRecord r, String what, ActionHttp.Answer answer, Instant now) {
        Instant next = now.plus(answer.retryAfter().orElse(backoff(r)));
        return r.retryAt(next, what + ": " + (answer.status() == 0 ? answer.error() : "answered " + answer.status())
                + "; sending again at " + next + " (attempt " + r.attempts() + ")");
    }

    /** A record nobody is sending now: never sent, and no start sending it, or one that died mid-send. */
    private boolean mayClaim(ActionRecord r, Instant now) {
        boolean due = r.nextAttemptAt() == null || !now.isBefore(r.nextAttemptAt());
        boolean abandoned = r.sendingSince() == null
                || !now.isBefore(r.sendingSince().plus(config.requestTimeout().multipliedBy(2)));
        return !r.status().ended() && r.sentAt() == null && due && abandoned;
    }

    private Duration backoff(ActionRecord r) {
        Duration wait = config.checkInterval().multipliedBy(1L << Math.min(Math.max(r.attempts() - 1, 0), 6));
        return wait.compareTo(ActionLimits.MAX_RETRY_AFTER) > 0 ? ActionLimits.MAX_RETRY_AFTER : wait;
    }

    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static String timedOut(ActionRecord r) {
        String waitedFor = r.sentAt() == null ? "the call never reached the target"
                : r.pollUrl() != null ? "the target was still working when last polled" : "no callback arrived";
        return "Timed out at " + r.deadline() + ": " + waitedFor + (r.message() == null ? "" : " (last: "
                + r.message() + ")");
    }

    private static String quoted(ActionHttp.Answer answer) {
        return answer.excerpt().isBlank() ? "" : " (" + answer.excerpt() + ")";
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private static Map<String, String> headers(PlanAction.HttpCall call) {
        return call.headers() == null ? Map.of() : call.headers();
    }

    /** The base of callback URLs: the configured one, else the app's own host name in Azure. */
    String callbackBase() {
        String base = config.callbackBaseUrl().map(URI::toString)
                .or(() -> websiteHostName.map(h -> "https://" + h + "/api"))
                .orElseThrow(() -> new IllegalStateException("HTTP plan actions need a callback URL: set "
                        + "reprotect.plan-actions.callback-base-url (https://<app>.azurewebsites.net/api)"));
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

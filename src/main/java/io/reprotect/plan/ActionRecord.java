package io.reprotect.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own record of one started action, stored beside the jobs: what the plan job's {@link ActionRun}
 * shows, plus what it must not show (the full poll URL, which may carry a signature; the hash of the callback
 * secret) and what a restart needs to continue (attempts, when to look again, whether the call went out).
 *
 * @param planJobId the plan job
 * @param actionId unique within the plan job
 * @param actionName the action's name in the plan
 * @param kind the action's kind
 * @param status where it stands
 * @param startedAt when it was started
 * @param deadline when it times out
 * @param callbackId for HTTP: the public part of the callback URL's token (the record's own key)
 * @param callbackSecretHashes for HTTP: SHA-256 of the secret part of each token sent (one a call), base64url;
 *        the secrets themselves are never stored
 * @param approvalId for a manual action: its approval
 * @param pollUrl for HTTP answered 202 with Location: where to poll (full, private)
 * @param nextAttemptAt when to poll or send again; null when only a callback or a person can move it on
 * @param attempts calls and polls made
 * @param sendingSince when a start began sending (a start that died mid-way is taken over after the request
 *        timeout)
 * @param sentAt when the call or message went out (null: not yet)
 * @param endedAt when it ended
 * @param endedBy what ended it
 * @param message what happened, for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionRecord(String planJobId, String actionId, String actionName, PlanAction.Kind kind,
        ActionRun.Status status, Instant startedAt, Instant deadline, String callbackId, List<String> callbackSecretHashes,
        String approvalId, String pollUrl, Instant nextAttemptAt, int attempts, Instant sendingSince, Instant sentAt,
        Instant endedAt, EndedBy endedBy, String message) {

    /** What ended an action. */
    public enum EndedBy {
        /** The target's answer to the call (2xx, or a refusal). */
        RESPONSE,
        /** A poll of the Location the target gave. */
        POLL,
        /** The target's callback. */
        CALLBACK,
        /** The message was sent. */
        SENT,
        /** A person approved or refused. */
        PERSON,
        /** The deadline passed. */
        TIMEOUT,
        /** The action as stated cannot run (invalid URL, queue or timeout). */
        INVALID
    }

    /** The run as the plan job records and shows it: the poll URL without its query (which may hold a signature). */
    public ActionRun run() {
        return new ActionRun(actionId, kind, status, startedAt, deadline, shown(pollUrl), callbackId, approvalId,
                message);
    }

    ActionRecord ended(ActionRun.Status value, EndedBy by, Instant at, String text) {
        return new ActionRecord(planJobId, actionId, actionName, kind, value, startedAt, deadline, callbackId,
                callbackSecretHashes, approvalId, pollUrl, null, attempts, sendingSince, sentAt, at, by, text);
    }

    /** Claimed for a send at {@code at}; {@code secretHash} (may be null) is the new callback token's. */
    ActionRecord sending(Instant at, String secretHash) {
        List<String> hashes = new ArrayList<>(callbackSecretHashes == null ? List.of() : callbackSecretHashes);
        if (secretHash != null) {
            hashes.add(secretHash);
        }
        return new ActionRecord(planJobId, actionId, actionName, kind, status, startedAt, deadline, callbackId,
                List.copyOf(hashes), approvalId, pollUrl, nextAttemptAt, attempts + 1, at, sentAt, endedAt, endedBy,
                message);
    }

    /** A send that did not reach the target: sent again at {@code next}. */
    ActionRecord retryAt(Instant next, String text) {
        return new ActionRecord(planJobId, actionId, actionName, kind, status, startedAt, deadline, callbackId,
                callbackSecretHashes, approvalId, pollUrl, next, attempts, null, sentAt, endedAt, endedBy, text);
    }

    ActionRecord waiting(String poll, Instant sent, Instant next, String text) {
        return new ActionRecord(planJobId, actionId, actionName, kind, status, startedAt, deadline, callbackId,
                callbackSecretHashes, approvalId, poll, next, attempts, sendingSince, sent, endedAt, endedBy, text);
    }

    /** The URL without its query and fragment: what logs and the job record may show. */
    static String shown(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(a URL that does not parse)";
        }
    }
}

package io.reprotect.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * A step operators add before or after a group of a recovery plan: an HTTP call (a Logic App trigger, say), a
 * message put on a Service Bus queue, or a manual action a person approves.
 *
 * @param name unique within the plan; names the action in the plan job's record
 * @param kind which of the three it is; exactly the matching part below is set
 * @param http the call, for {@link Kind#HTTP}
 * @param queue the message, for {@link Kind#QUEUE}
 * @param instructions what the person is asked to do, for {@link Kind#MANUAL}
 * @param timeout how long the action may take before it counts as failed
 * @param stopsPlanOnFailure whether a failed or timed-out action stops the plan (else the plan goes on and says so)
 */
public record PlanAction(String name, Kind kind, HttpCall http, QueueSend queue, String instructions, Duration timeout,
        boolean stopsPlanOnFailure) {

    /** The three kinds of action. */
    public enum Kind {
        HTTP, QUEUE, MANUAL
    }

    /**
     * An HTTP call. The target may answer 2xx (done), 202 with a {@code Location} to poll (done when the poll answers
     * 2xx other than 202), or call back on the URL the engine passes it.
     *
     * @param url absolute URL
     * @param method POST unless set
     * @param body JSON body, or null; the engine adds the plan job, the action and the callback URL to it
     * @param headers extra request headers (never logged or recorded: they may hold a key)
     */
    public record HttpCall(String url, String method, JsonNode body, Map<String, String> headers) {
    }

    /**
     * A message put on a Service Bus queue.
     *
     * @param queue the queue's name
     * @param body JSON body; the engine adds the plan job and the action to it
     */
    public record QueueSend(String queue, JsonNode body) {
    }
}

package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import io.reprotect.job.Redaction;
import java.io.IOException;

/**
 * A message read from a queue's {@code $DeadLetterQueue}, as the Functions host binds it.
 *
 * <p>A dead-letter function is a Service Bus trigger like any other: with {@code autoCompleteMessages}
 * (host.json) the host <em>completes</em> the message when the function returns, so it leaves the
 * dead-letter queue for good; when the function throws, the host abandons it and Service Bus delivers it
 * again at once. A dead-letter queue has no dead-letter queue of its own and no time-to-live, so a function
 * that kept throwing would run forever: {@link #lastAttempt()} tells it when to stop throwing and give up.
 *
 * @param queue the queue it was dead-lettered from (without the sub-queue suffix)
 * @param body the message body
 * @param messageId its message id, or null
 * @param deliveryCount how many times it has been delivered from the dead-letter queue, this time included
 * @param reason {@code DeadLetterReason} (Service Bus: {@code MaxDeliveryCountExceeded}, {@code TTLExpiredException}, ...)
 * @param description {@code DeadLetterErrorDescription}, redacted, possibly empty
 */
public record DeadLetter(String queue, String body, String messageId, int deliveryCount, String reason,
        String description) {

    /** Deliveries of one dead letter its function may fail before it gives up (and the host completes it). */
    public static final int MAX_HANDLING_ATTEMPTS = 5;
    /** Application property Service Bus sets on a dead-lettered message. */
    public static final String REASON_PROPERTY = "DeadLetterReason";
    /** Application property Service Bus sets on a dead-lettered message. */
    public static final String DESCRIPTION_PROPERTY = "DeadLetterErrorDescription";
    /** How much of a body a log line or job error quotes. */
    static final int MAX_QUOTED_CHARS = 2_000;

    /**
     * @param properties the message's application properties as JSON ({@code ApplicationProperties} binding)
     * @param deliveryCount the {@code DeliveryCount} binding; null when the host did not bind it, counted as the
     *        last attempt (without a count, giving up at the first failure is the only way not to loop forever)
     */
    public static DeadLetter of(String queue, String body, String messageId, Integer deliveryCount, String properties) {
        JsonNode props = read(properties);
        return new DeadLetter(queue, body, messageId, deliveryCount == null ? MAX_HANDLING_ATTEMPTS : deliveryCount,
                props.path(REASON_PROPERTY).asText("unknown reason"),
                Redaction.redact(props.path(DESCRIPTION_PROPERTY).asText("")));
    }

    /** True when this is the last delivery its function may fail: past it, the function logs and returns. */
    public boolean lastAttempt() {
        return deliveryCount >= MAX_HANDLING_ATTEMPTS;
    }

    /** The body as evidence: SAS signatures redacted, cut at {@link #MAX_QUOTED_CHARS}. */
    public String quotedBody() {
        String redacted = Redaction.redact(body == null ? "" : body);
        return redacted.length() <= MAX_QUOTED_CHARS ? redacted
                : redacted.substring(0, MAX_QUOTED_CHARS) + "... (" + redacted.length() + " chars)";
    }

    /** Reason and description, as one line. */
    public String cause() {
        return description.isEmpty() ? reason : reason + ": " + description;
    }

    private static JsonNode read(String properties) {
        if (properties == null || properties.isBlank()) {
            return JobJson.MAPPER.createObjectNode();
        }
        try {
            return JobJson.MAPPER.readTree(properties);
        } catch (IOException e) {
            return JobJson.MAPPER.createObjectNode();
        }
    }
}

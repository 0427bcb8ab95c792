package io.reprotect.local.servicebus;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * A message as it arrived at the stand-in.
 *
 * @param queue the target address of the link it came on
 * @param messageId the AMQP message-id, as text
 * @param contentType the AMQP content-type
 * @param body the body's data section (or value) as UTF-8 text
 * @param applicationProperties the application properties
 * @param messageAnnotations the message annotations, keyed by symbol name
 */
public record ReceivedMessage(String queue, String messageId, String contentType, String body,
        Map<String, Object> applicationProperties, Map<String, Object> messageAnnotations) {

    /** Annotation under which Service Bus clients put the scheduled enqueue time (an AMQP timestamp). */
    public static final String SCHEDULED_ENQUEUE_TIME = "x-opt-scheduled-enqueue-time";

    /** The scheduled enqueue time, or null if the message was not scheduled. */
    public Instant scheduledEnqueueTime() {
        Object value = messageAnnotations.get(SCHEDULED_ENQUEUE_TIME);
        return value instanceof Date date ? date.toInstant() : null;
    }
}

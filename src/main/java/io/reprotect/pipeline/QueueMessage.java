package io.reprotect.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * A message to put on a queue.
 *
 * @param queue queue name, one of {@link Queues}
 * @param messageId deterministic id: Service Bus drops a resend with the same id (duplicate detection)
 * @param body JSON text
 * @param notBefore scheduled enqueue time, or null to deliver now
 * @param properties application properties
 */
public record QueueMessage(String queue, String messageId, String body, Instant notBefore,
        Map<String, String> properties) {

    public QueueMessage {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}

package io.reprotect.pipeline.servicebus;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.StageQueue;
import jakarta.annotation.PreDestroy;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends queue messages to Azure Service Bus. One sender per queue, each built once from one
 * builder so that all share one AMQP connection.
 */
public class ServiceBusStageQueue implements StageQueue {

    private final ServiceBusClientBuilder builder;
    private final Map<String, ServiceBusSenderClient> senders = new ConcurrentHashMap<>();

    public ServiceBusStageQueue(ServiceBusClientBuilder builder) {
        this.builder = builder;
    }

    @Override
    public void send(QueueMessage message) {
        sender(message.queue()).sendMessage(toServiceBus(message));
    }

    /** The Service Bus form of a message: id for duplicate detection, schedule for delays. */
    public static ServiceBusMessage toServiceBus(QueueMessage message) {
        ServiceBusMessage sb = new ServiceBusMessage(BinaryData.fromString(message.body()))
                .setMessageId(message.messageId())
                .setContentType("application/json");
        if (message.notBefore() != null) {
            sb.setScheduledEnqueueTime(message.notBefore().atOffset(ZoneOffset.UTC));
        }
        sb.getApplicationProperties().putAll(message.properties());
        return sb;
    }

    private ServiceBusSenderClient sender(String queue) {
        return senders.computeIfAbsent(queue, q -> builder.sender().queueName(q).buildClient());
    }

    @PreDestroy
    void close() {
        senders.values().forEach(ServiceBusSenderClient::close);
    }
}

package io.reprotect.pipeline.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.reprotect.job.PendingMessage;
import io.reprotect.local.servicebus.AmqpQueueStandIn;
import io.reprotect.local.servicebus.ReceivedMessage;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Service Bus adapter through the real SDK, against a local AMQP 1.0 stand-in. */
@Timeout(30)
class ServiceBusStageQueueAmqpTest {

    /** Fail fast instead of retrying against a stand-in that does not answer. */
    private static final AmqpRetryOptions FAIL_FAST = new AmqpRetryOptions()
            .setMode(AmqpRetryMode.FIXED)
            .setMaxRetries(0)
            .setDelay(Duration.ofMillis(100))
            .setTryTimeout(Duration.ofSeconds(5));

    private AmqpQueueStandIn standIn;
    private ServiceBusStageQueue queue;

    @BeforeEach
    void start() {
        standIn = AmqpQueueStandIn.start();
        queue = new ServiceBusStageQueue(new ServiceBusClientBuilder()
                .connectionString(standIn.connectionString())
                .retryOptions(FAIL_FAST));
    }

    @AfterEach
    void stop() {
        try {
            queue.close();
        } finally {
            standIn.close();
        }
    }

    @Test
    void stageMessageArrivesAsJsonWithItsDeterministicId() {
        PendingMessage pending = new PendingMessage("copy-seed", 7, null);
        queue.send(StageMessage.of("job-1", pending).toQueueMessage(pending));

        assertThat(standIn.received(Queues.STAGES)).singleElement().satisfies(arrived -> {
            assertThat(arrived.messageId()).isEqualTo("job-1:copy-seed:7");
            assertThat(arrived.contentType()).isEqualTo("application/json");
            assertThat(StageMessage.parse(arrived.body())).isEqualTo(new StageMessage("job-1", "copy-seed", 7));
            assertThat(arrived.scheduledEnqueueTime()).isNull();
        });
        assertThat(standIn.requests()).as("the SDK authorizes its link with a CBS token first").contains("$cbs put-token");
    }

    @Test
    void delayedMessageCarriesItsScheduledEnqueueTime() {
        Instant notBefore = Instant.parse("2026-11-26T10:00:00.123Z");
        PendingMessage pending = new PendingMessage("resync", 3, notBefore);
        queue.send(StageMessage.of("job-2", pending).toQueueMessage(pending));

        ReceivedMessage arrived = standIn.received(Queues.STAGES).get(0);
        assertThat(arrived.messageId()).isEqualTo("job-2:resync:3");
        assertThat(arrived.messageAnnotations()).containsKey(ReceivedMessage.SCHEDULED_ENQUEUE_TIME);
        assertThat(arrived.scheduledEnqueueTime()).isEqualTo(notBefore);
    }

    @Test
    void applicationPropertiesArriveAsSent() {
        queue.send(new QueueMessage(Queues.REJECTED, "intake-9", "{not json", null,
                Map.of("reason", "InvalidRequest", "description", "body is not JSON")));

        ReceivedMessage arrived = standIn.received(Queues.REJECTED).get(0);
        assertThat(arrived.body()).isEqualTo("{not json");
        assertThat(arrived.applicationProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("reason", "InvalidRequest", "description", "body is not JSON"));
    }

    @Test
    void sendersForDifferentQueuesShareOneConnection() {
        PendingMessage copy = new PendingMessage("copy-seed", 1, null);
        PendingMessage resync = new PendingMessage("resync", 2, null);
        queue.send(StageMessage.of("job-3", copy).toQueueMessage(copy));
        queue.send(StageMessage.of("job-3", resync).toQueueMessage(resync));

        queue.send(new QueueMessage(Queues.REJECTED, "intake-10", "{}", null, Map.of()));

        assertThat(standIn.received(Queues.STAGES)).hasSize(2);
        assertThat(standIn.received(Queues.REJECTED)).hasSize(1);
        assertThat(standIn.connectionCount()).isEqualTo(1);
    }
}

package io.reprotect.pipeline.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import io.reprotect.job.PendingMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServiceBusStageQueueTest {

    @Test
    void stageMessageCarriesADeterministicIdForDuplicateDetection() {
        PendingMessage pending = new PendingMessage("copy-seed", 7, null);
        ServiceBusMessage first = ServiceBusStageQueue.toServiceBus(StageMessage.of("job-1", pending).toQueueMessage(pending));
        ServiceBusMessage again = ServiceBusStageQueue.toServiceBus(StageMessage.of("job-1", pending).toQueueMessage(pending));
        assertThat(first.getMessageId()).isEqualTo("job-1:copy-seed:7").isEqualTo(again.getMessageId());
        assertThat(first.getContentType()).isEqualTo("application/json");
        assertThat(first.getScheduledEnqueueTime()).isNull();
        assertThat(StageMessage.parse(first.getBody().toString())).isEqualTo(new StageMessage("job-1", "copy-seed", 7));
    }

    @Test
    void delayedMessageIsScheduledNotSlept() {
        Instant later = Instant.parse("2026-11-26T10:00:00Z");
        PendingMessage pending = new PendingMessage("resync", 3, later);
        var queueMessage = StageMessage.of("job-2", pending).toQueueMessage(pending);
        assertThat(queueMessage.queue()).isEqualTo(Queues.STAGES);
        assertThat(ServiceBusStageQueue.toServiceBus(queueMessage).getScheduledEnqueueTime())
                .isEqualTo(later.atOffset(ZoneOffset.UTC));
    }
}

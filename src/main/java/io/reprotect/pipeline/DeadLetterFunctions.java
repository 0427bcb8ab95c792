package io.reprotect.pipeline;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import jakarta.inject.Inject;

/**
 * The stage queue's dead letters: a stage message that could not be processed marks its job Failed
 * with the dead-letter reason and the message, so that no job waits forever for a message that is gone.
 * The host completes the dead letter when this returns (host.json {@code autoCompleteMessages}); see
 * {@link DeadLetter} for what happens when it throws. Every run of this function is alerted on
 * (infra/modules/alerts.bicep).
 */
@jakarta.enterprise.context.ApplicationScoped
public class DeadLetterFunctions {

    /** The function's name; the dead-letter log alert names it too. */
    public static final String NAME = "stages-dead-letter";

    @Inject
    DeadLetterHandler deadLetters;

    @FunctionName(NAME)
    public void run(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.STAGES + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("MessageId") String messageId,
            @BindingName("DeliveryCount") Integer deliveryCount,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(DeadLetter.of(Queues.STAGES, message, messageId, deliveryCount, properties));
    }
}

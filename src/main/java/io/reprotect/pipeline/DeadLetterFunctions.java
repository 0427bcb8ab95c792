package io.reprotect.pipeline;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import jakarta.inject.Inject;

/**
 * The stage queue's dead letters: a stage message that could not be processed marks its job Failed
 * with the dead-letter reason, so that no job waits forever for a message that is gone.
 */
@jakarta.enterprise.context.ApplicationScoped
public class DeadLetterFunctions {

    @Inject
    DeadLetterHandler deadLetters;

    @FunctionName("stages-dead-letter")
    public void run(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.STAGES + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }
}

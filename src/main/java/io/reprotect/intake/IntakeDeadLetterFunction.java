package io.reprotect.intake;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.reprotect.pipeline.Queues;
import jakarta.inject.Inject;

/** Intake requests that reached {@code reprotect-requests/$DeadLetterQueue}: see {@link IntakeDeadLetters}. */
@jakarta.enterprise.context.ApplicationScoped
public class IntakeDeadLetterFunction {

    @Inject
    IntakeDeadLetters deadLetters;

    @FunctionName("reprotect-intake-dead-letter")
    public void onDeadLetter(
            @ServiceBusQueueTrigger(name = "message", queueName = Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX,
                    connection = Queues.CONNECTION) String message,
            @BindingName("MessageId") String messageId,
            @BindingName("ApplicationProperties") String properties,
            ExecutionContext context) {
        deadLetters.handle(message, messageId, properties);
    }
}

package io.reprotect.intake;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.reprotect.pipeline.DeadLetter;
import io.reprotect.pipeline.Queues;
import jakarta.inject.Inject;

/** Intake requests that reached {@code reprotect-requests/$DeadLetterQueue}: see {@link IntakeDeadLetters}. */
@jakarta.enterprise.context.ApplicationScoped
public class IntakeDeadLetterFunction {

    @Inject
    IntakeDeadLetters deadLetters;

    /** The function's name; the dead-letter log alert names it too. */
    public static final String NAME = "reprotect-intake-dead-letter";

    @FunctionName(NAME)
    public void onDeadLetter(
            @ServiceBusQueueTrigger(name = "message", queueName = Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX,
                    connection = Queues.CONNECTION) String message,
            @BindingName("MessageId") String messageId,
            @BindingName("DeliveryCount") Integer deliveryCount,
            @BindingName("ApplicationProperties") String properties,
            ExecutionContext context) {
        deadLetters.handle(DeadLetter.of(Queues.INTAKE, message, messageId, deliveryCount, properties));
    }
}

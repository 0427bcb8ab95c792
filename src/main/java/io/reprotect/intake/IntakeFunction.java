package io.reprotect.intake;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.reprotect.pipeline.Queues;
import jakarta.inject.Inject;

/** Reprotect requests dropped on the {@value Queues#INTAKE} queue by other systems. */
@jakarta.enterprise.context.ApplicationScoped
public class IntakeFunction {

    @Inject
    RequestIntake intake;

    @FunctionName("reprotect-intake")
    public void onRequest(
            @ServiceBusQueueTrigger(name = "message", queueName = Queues.INTAKE, connection = Queues.CONNECTION)
            String message,
            @BindingName("MessageId") String messageId,
            ExecutionContext context) {
        intake.accept(message, messageId);
    }
}

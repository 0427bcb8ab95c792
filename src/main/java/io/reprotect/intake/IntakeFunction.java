package io.reprotect.intake;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.opentelemetry.context.Scope;
import io.reprotect.pipeline.Queues;
import io.reprotect.telemetry.TraceParent;
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
        // the host's trace context continues the sender's (the message's Diagnostic-Id): the job joins that trace
        String traceparent = context == null || context.getTraceContext() == null ? null
                : context.getTraceContext().getTraceparent();
        try (Scope sender = TraceParent.contextOf(traceparent).makeCurrent()) {
            intake.accept(message, messageId);
        }
    }
}

package io.reprotect.pipeline;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import jakarta.inject.Inject;

/**
 * The one function that runs stages: every stage message of every workflow arrives on
 * {@link Queues#STAGES} and is handed to the {@link StageRunner}. An exception leaves the message to
 * Service Bus: abandoned, redelivered, dead-lettered past the queue's max delivery count.
 */
@jakarta.enterprise.context.ApplicationScoped
public class StageFunctions {

    @Inject
    StageRunner runner;

    @FunctionName("stages")
    public void run(@ServiceBusQueueTrigger(name = "message", queueName = Queues.STAGES,
            connection = Queues.CONNECTION) String message, ExecutionContext context) {
        runner.run(message);
    }
}

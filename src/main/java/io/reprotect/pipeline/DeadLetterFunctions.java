package io.reprotect.pipeline;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import jakarta.inject.Inject;

/**
 * One function per stage dead-letter queue: a stage message that could not be processed marks its
 * job Failed with the dead-letter reason, so that no job waits forever for a message that is gone.
 */
@jakarta.enterprise.context.ApplicationScoped
public class DeadLetterFunctions {

    @Inject
    DeadLetterHandler deadLetters;

    @FunctionName("dead-letter-validate-prerequisites")
    public void validatePrerequisites(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.VALIDATE_PREREQUISITES + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-prepare-target")
    public void prepareTarget(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.PREPARE_TARGET + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-stop-target-vm")
    public void stopTargetVm(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.STOP_TARGET_VM + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-copy-seed")
    public void copySeed(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.COPY_SEED + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-delete-target-vm")
    public void deleteTargetVm(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.DELETE_TARGET_VM + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-resync")
    public void resync(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.RESYNC + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-start-replication")
    public void startReplication(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.START_REPLICATION + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }

    @FunctionName("dead-letter-protect")
    public void protect(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.PROTECT + Queues.DEAD_LETTER_SUFFIX, connection = Queues.CONNECTION) String message,
            @BindingName("ApplicationProperties") String properties, ExecutionContext context) {
        deadLetters.handle(message, properties);
    }
}

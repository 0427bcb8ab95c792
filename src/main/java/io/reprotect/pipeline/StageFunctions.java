package io.reprotect.pipeline;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import jakarta.inject.Inject;

/**
 * One queue-triggered function per stage queue; each hands its message to the {@link StageRunner}.
 * An exception leaves the message to Service Bus: abandoned, redelivered, dead-lettered past the
 * queue's max delivery count.
 */
@jakarta.enterprise.context.ApplicationScoped
public class StageFunctions {

    @Inject
    StageRunner runner;

    @FunctionName("stage-validate-prerequisites")
    public void validatePrerequisites(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.VALIDATE_PREREQUISITES, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-prepare-target")
    public void prepareTarget(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.PREPARE_TARGET, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-stop-target-vm")
    public void stopTargetVm(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.STOP_TARGET_VM, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-copy-seed")
    public void copySeed(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.COPY_SEED, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-delete-target-vm")
    public void deleteTargetVm(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.DELETE_TARGET_VM, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-resync")
    public void resync(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.RESYNC, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-start-replication")
    public void startReplication(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.START_REPLICATION, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }

    @FunctionName("stage-protect")
    public void protect(@ServiceBusQueueTrigger(name = "message",
            queueName = Queues.PROTECT, connection = Queues.CONNECTION) String message,
            ExecutionContext context) {
        runner.run(message);
    }
}

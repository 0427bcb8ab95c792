package io.reprotect.replication;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.reprotect.pipeline.Queues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The function that runs replication cycles: each message on {@link Queues#CYCLE_TICKS} is one shard's tick, handed
 * to {@link CycleTick}. An exception leaves the message to Service Bus (abandoned, redelivered); a failing item does
 * not throw (its error is on the item).
 */
@ApplicationScoped
public class CycleTickFunction {

    @Inject
    CycleTick ticks;

    @FunctionName("cycle-ticks")
    public void run(@ServiceBusQueueTrigger(name = "message", queueName = Queues.CYCLE_TICKS,
            connection = Queues.CONNECTION) String message, ExecutionContext context) {
        ticks.run(message);
    }

    /** A function object for a hand-wired host (tests). */
    public static CycleTickFunction of(CycleTick ticks) {
        CycleTickFunction function = new CycleTickFunction();
        function.ticks = ticks;
        return function;
    }
}

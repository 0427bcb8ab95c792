package io.reprotect.pipeline;

/**
 * Every Service Bus queue the app uses, and the app setting that holds the connection.
 * infra/ declares exactly these; a test keeps the two in step.
 */
public final class Queues {

    /**
     * App setting prefix of the Service Bus connection. In Azure it is identity-based:
     * {@code ServiceBusConnection__fullyQualifiedNamespace = <namespace>.servicebus.windows.net}.
     */
    public static final String CONNECTION = "ServiceBusConnection";

    /** Reprotect requests from other systems; same schema as {@code POST /api/reprotect}. */
    public static final String INTAKE = "reprotect-requests";
    /** Intake messages that failed validation, with the reasons as message properties. */
    public static final String REJECTED = "reprotect-requests-rejected";

    /**
     * Every stage message of every workflow ({@link Workflows}): the job names its workflow, the
     * message names the stage. Adding a workflow or a stage adds no queue.
     */
    public static final String STAGES = "stages";

    /**
     * Replication fleet ticks: one scheduled message per shard of protected items and due time; its function runs
     * every due item's cycle of the shard in-process (replication {@code CycleTickFunction}).
     */
    public static final String CYCLE_TICKS = "cycle-ticks";

    /** Path suffix of a queue's dead-letter sub-queue. */
    public static final String DEAD_LETTER_SUFFIX = "/$DeadLetterQueue";

    private Queues() {
    }
}

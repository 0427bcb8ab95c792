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

    public static final String VALIDATE_PREREQUISITES = "stage-validate-prerequisites";
    public static final String PREPARE_TARGET = "stage-prepare-target";
    public static final String STOP_TARGET_VM = "stage-stop-target-vm";
    public static final String COPY_SEED = "stage-copy-seed";
    public static final String DELETE_TARGET_VM = "stage-delete-target-vm";
    public static final String RESYNC = "stage-resync";
    public static final String START_REPLICATION = "stage-start-replication";
    public static final String PROTECT = "stage-protect";

    /** Path suffix of a queue's dead-letter sub-queue. */
    public static final String DEAD_LETTER_SUFFIX = "/$DeadLetterQueue";

    private Queues() {
    }
}

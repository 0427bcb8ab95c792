package io.reprotect.pipeline;

import java.util.Arrays;
import java.util.Optional;

/** The stages of reprotect, in the order they run, each with its own queue. */
public enum Stage {
    VALIDATE_PREREQUISITES("validate-prerequisites", "Prerequisites check for reprotect", Queues.VALIDATE_PREREQUISITES),
    PREPARE_TARGET("prepare-target", "Create or reuse cache storage, target storage and availability set",
            Queues.PREPARE_TARGET),
    STOP_TARGET_VM("stop-target-vm", "Stop the target-side virtual machine", Queues.STOP_TARGET_VM),
    COPY_SEED("copy-seed", "Copy target-side disks as seed blobs", Queues.COPY_SEED),
    DELETE_TARGET_VM("delete-target-vm", "Delete the target-side virtual machine", Queues.DELETE_TARGET_VM),
    RESYNC("resync", "Resynchronize disks (only differences are copied)", Queues.RESYNC),
    START_REPLICATION("start-replication", "Start delta replication and create the first recovery point",
            Queues.START_REPLICATION),
    PROTECT("protect", "Mark the item protected", Queues.PROTECT);

    private final String taskName;
    private final String friendlyName;
    private final String queue;

    Stage(String taskName, String friendlyName, String queue) {
        this.taskName = taskName;
        this.friendlyName = friendlyName;
        this.queue = queue;
    }

    public String taskName() {
        return taskName;
    }

    public String friendlyName() {
        return friendlyName;
    }

    public String queue() {
        return queue;
    }

    public static Stage first() {
        return values()[0];
    }

    public Optional<Stage> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    public static Stage byTaskName(String name) {
        return Arrays.stream(values()).filter(s -> s.taskName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + name + "'"));
    }
}

package io.reprotect.protection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where the item's test failover (drill) stands, beside its {@link ItemStatus}; ASR's {@code testFailoverState}. */
public enum DrillStatus {
    NONE("None"),
    IN_PROGRESS("TestFailoverInProgress"),
    /** The drill's VM, disks and NICs exist until a cleanup removes them. */
    WAITING_FOR_CLEANUP("WaitingForCleanup"),
    CLEANUP_IN_PROGRESS("CleanupInProgress");

    private final String wireName;

    DrillStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DrillStatus of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown drill status '" + wireName + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

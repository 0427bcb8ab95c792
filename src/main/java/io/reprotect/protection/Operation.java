package io.reprotect.protection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a caller may ask of a protected item, in ASR's words ({@code allowedOperations} lists these names). */
public enum Operation {
    PLANNED_FAILOVER("PlannedFailover"),
    UNPLANNED_FAILOVER("UnplannedFailover"),
    TEST_FAILOVER("TestFailover"),
    TEST_FAILOVER_CLEANUP("TestFailoverCleanup"),
    COMMIT("Commit"),
    CHANGE_RECOVERY_POINT("ChangeRecoveryPoint"),
    CANCEL_FAILOVER("CancelFailover"),
    REPROTECT("Reprotect"),
    DISABLE_PROTECTION("DisableProtection");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Operation of(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation '" + wireName + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

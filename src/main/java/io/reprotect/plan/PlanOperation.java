package io.reprotect.plan;

import io.reprotect.protection.Operation;
import java.util.Arrays;
import java.util.Optional;

/** What a plan job does to every item of its plan, as the path names it ({@code POST .../{name}/{operation}}). */
public enum PlanOperation {
    TEST_FAILOVER("test-failover", Operation.TEST_FAILOVER),
    TEST_FAILOVER_CLEANUP("test-failover-cleanup", Operation.TEST_FAILOVER_CLEANUP),
    PLANNED_FAILOVER("planned-failover", Operation.PLANNED_FAILOVER),
    UNPLANNED_FAILOVER("unplanned-failover", Operation.UNPLANNED_FAILOVER),
    COMMIT("commit", Operation.COMMIT),
    CANCEL("cancel", Operation.CANCEL_FAILOVER),
    REPROTECT("reprotect", Operation.REPROTECT);

    private final String pathName;
    private final Operation itemOperation;

    PlanOperation(String pathName, Operation itemOperation) {
        this.pathName = pathName;
        this.itemOperation = itemOperation;
    }

    /** The operation's name in the path and in the plan job's record. */
    public String pathName() {
        return pathName;
    }

    /** The single-item operation it runs on every item (its lifecycle decides whether the item allows it). */
    public Operation itemOperation() {
        return itemOperation;
    }

    /** Whether the operation creates a VM from a recovery point the caller may choose (a common point in time). */
    public boolean choosesRecoveryPoint() {
        return this == TEST_FAILOVER || this == UNPLANNED_FAILOVER;
    }

    public static Optional<PlanOperation> byPath(String name) {
        return Arrays.stream(values()).filter(o -> o.pathName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return pathName;
    }
}

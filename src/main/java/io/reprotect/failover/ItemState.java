package io.reprotect.failover;

import io.reprotect.pipeline.Workflows;
import java.util.List;
import java.util.Map;

/**
 * A protected item's whole state as callers see it, in ASR's words: what it does now and what may be
 * done next. Derived from the item's protection state and its {@link FailoverStatus}; one place decides
 * {@code allowedOperations}, and every call is checked against it.
 *
 * @param protectionState   {@code Protected}, {@code DisablingProtection}, {@code FailedOver} (pending
 *                          commit) or {@code FailoverCommitted}
 * @param activeLocation    {@code Recovery} (the VM runs in the secondary region) or {@code Primary}
 * @param failoverState     {@link FailoverStatus#failoverState()}
 * @param failoverType      Planned or Unplanned while a failover is in progress or pending commit
 * @param testFailoverState {@link FailoverStatus#testFailoverState()}
 * @param currentScenario   the operation in progress ({@code None} when none)
 * @param currentJobId      its job, or null
 * @param allowedOperations what may be started now
 */
public record ItemState(String protectionState, String activeLocation, String failoverState, String failoverType,
                        String testFailoverState, String currentScenario, String currentJobId,
                        List<String> allowedOperations) {

    public static final String NO_SCENARIO = "None";
    /** Protection state of an item failed over to the primary region, pending commit: no cycle runs. */
    public static final String FAILED_OVER = "FailedOver";
    /** Protection state once the failover is committed: replication is gone, reprotect may follow. */
    public static final String FAILOVER_COMMITTED = "FailoverCommitted";

    /** The operation each workflow carries out, as {@code currentScenario} names it. */
    private static final Map<String, String> SCENARIOS = Map.of(
            Workflows.PLANNED_FAILOVER.name(), FailoverStatus.Operation.PLANNED_FAILOVER,
            Workflows.UNPLANNED_FAILOVER.name(), FailoverStatus.Operation.UNPLANNED_FAILOVER,
            Workflows.CHANGE_RECOVERY_POINT.name(), FailoverStatus.Operation.CHANGE_RECOVERY_POINT,
            Workflows.CANCEL_FAILOVER.name(), FailoverStatus.Operation.CANCEL_FAILOVER,
            Workflows.COMMIT_FAILOVER.name(), FailoverStatus.Operation.COMMIT,
            Workflows.TEST_FAILOVER.name(), FailoverStatus.Operation.TEST_FAILOVER,
            Workflows.TEST_FAILOVER_CLEANUP.name(), FailoverStatus.Operation.TEST_FAILOVER_CLEANUP,
            Workflows.DISABLE_PROTECTION.name(), FailoverStatus.Operation.DISABLE_PROTECTION);

    public ItemState {
        allowedOperations = List.copyOf(allowedOperations);
    }

    /** The scenario of a running job's workflow; {@code None} for other workflows (a replication cycle). */
    static String scenarioOf(String workflow) {
        return workflow == null ? NO_SCENARIO : SCENARIOS.getOrDefault(workflow, NO_SCENARIO);
    }

    /** A short description of the state for a 409. */
    public String describe() {
        return "protectionState " + protectionState + ", failoverState " + failoverState + ", testFailoverState "
                + testFailoverState + (NO_SCENARIO.equals(currentScenario) ? ""
                : ", currentScenario " + currentScenario + " (job " + currentJobId + ")");
    }
}

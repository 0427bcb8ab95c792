package io.reprotect.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a protected item stands in the failover lifecycle, and what may be done now. Kept beside the
 * protected item (one record per item) and changed with optimistic concurrency.
 *
 * @param failoverState       {@link #NONE}, {@link #IN_PROGRESS}, {@link #PENDING_COMMIT}, {@link #COMMITTED}
 *                            or {@link #PENDING_COMMIT_FAILED}
 * @param failoverType        Planned or Unplanned, for the failover in progress or pending commit
 * @param failoverJobId       the job whose VM, disks and NICs are the failed-over VM's
 * @param recoveryPointId     the point the failed-over VM was created from
 * @param testFailoverState   {@link #TEST_NONE}, {@link #TEST_IN_PROGRESS}, {@link #TEST_WAITING_FOR_CLEANUP}
 *                            or {@link #TEST_CLEANUP_IN_PROGRESS}
 * @param testFailoverJobId   the drill whose resources a cleanup removes
 * @param runningJobId        the failover-lifecycle job in flight, or null
 */
public record FailoverStatus(String itemId, String failoverState, String failoverType, String failoverJobId,
                             String recoveryPointId, String testFailoverState, String testFailoverJobId,
                             String runningJobId) {

    public static final String NONE = "None";
    public static final String IN_PROGRESS = "FailoverInProgress";
    public static final String PENDING_COMMIT = "FailedOverPendingCommit";
    public static final String COMMITTED = "FailoverCommitted";
    /** A failover job failed mid-way; what it created may exist: cancel removes it (or resume the job). */
    public static final String PENDING_COMMIT_FAILED = "FailoverFailed";
    public static final String TEST_NONE = "None";
    public static final String TEST_IN_PROGRESS = "TestFailoverInProgress";
    public static final String TEST_WAITING_FOR_CLEANUP = "WaitingForCleanup";
    public static final String TEST_CLEANUP_IN_PROGRESS = "CleanupInProgress";

    public static FailoverStatus initial(String itemId) {
        return new FailoverStatus(itemId, NONE, null, null, null, TEST_NONE, null, null);
    }

    /** ASR's {@code activeLocation} of an item replicating RecoveryToPrimary: Primary once the VM runs there again. */
    public String activeLocation() {
        return activeLocation("Recovery");
    }

    /**
     * ASR's {@code activeLocation}: where the VM runs while protected ({@code protectedLocation}: Recovery,
     * or Primary for an item replicating PrimaryToRecovery), the other side once failed over.
     */
    public String activeLocation(String protectedLocation) {
        boolean failedOver = PENDING_COMMIT.equals(failoverState) || COMMITTED.equals(failoverState);
        String other = "Primary".equals(protectedLocation) ? "Recovery" : "Primary";
        return failedOver ? other : protectedLocation;
    }

    /** The operations a caller may start now, in ASR's words; none while an operation's job runs. */
    public List<String> allowedOperations() {
        List<String> allowed = new ArrayList<>();
        if (runningJobId != null) {
            return allowed; // one operation at a time: wait for its job (or cancel it)
        }
        switch (failoverState) {
            case NONE -> {
                allowed.add(Operation.PLANNED_FAILOVER);
                allowed.add(Operation.UNPLANNED_FAILOVER);
                if (TEST_NONE.equals(testFailoverState)) {
                    allowed.add(Operation.TEST_FAILOVER);
                }
                allowed.add(Operation.DISABLE_PROTECTION);
            }
            case PENDING_COMMIT -> {
                allowed.add(Operation.COMMIT);
                allowed.add(Operation.CHANGE_RECOVERY_POINT);
                allowed.add(Operation.CANCEL_FAILOVER);
            }
            case COMMITTED -> {
                allowed.add(Operation.REPROTECT);
                allowed.add(Operation.DISABLE_PROTECTION); // forget the item; nothing of replication is left
            }
            case PENDING_COMMIT_FAILED -> allowed.add(Operation.CANCEL_FAILOVER);
            default -> { }
        }
        if (TEST_WAITING_FOR_CLEANUP.equals(testFailoverState)) {
            allowed.add(Operation.TEST_FAILOVER_CLEANUP);
        }
        return allowed;
    }

    /** A short description of the state for a 409. */
    public String describe() {
        return "failoverState " + failoverState + ", testFailoverState " + testFailoverState;
    }

    public FailoverStatus withFailover(String state, String type, String jobId, String pointId) {
        return new FailoverStatus(itemId, state, type, jobId, pointId, testFailoverState, testFailoverJobId, runningJobId);
    }

    public FailoverStatus withTest(String state, String jobId) {
        return new FailoverStatus(itemId, failoverState, failoverType, failoverJobId, recoveryPointId, state, jobId,
                runningJobId);
    }

    public FailoverStatus withRunningJob(String jobId) {
        return new FailoverStatus(itemId, failoverState, failoverType, failoverJobId, recoveryPointId,
                testFailoverState, testFailoverJobId, jobId);
    }

    /** Operation names, as {@code allowedOperations} lists them. */
    public static final class Operation {
        public static final String PLANNED_FAILOVER = "PlannedFailover";
        public static final String UNPLANNED_FAILOVER = "UnplannedFailover";
        public static final String TEST_FAILOVER = "TestFailover";
        public static final String TEST_FAILOVER_CLEANUP = "TestFailoverCleanup";
        public static final String COMMIT = "Commit";
        public static final String CHANGE_RECOVERY_POINT = "ChangeRecoveryPoint";
        public static final String CANCEL_FAILOVER = "CancelFailover";
        public static final String REPROTECT = "Reprotect";
        public static final String DISABLE_PROTECTION = "DisableProtection";

        private Operation() {
        }
    }
}

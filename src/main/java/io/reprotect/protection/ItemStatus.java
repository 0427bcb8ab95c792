package io.reprotect.protection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Where a protected item stands: the one state the {@link LifecycleTable} moves between. Each says what
 * exists in Azure, so that what it allows never assumes a resource a job already deleted. The two names
 * callers knew before the kernel ({@code protectionState} and {@code failoverState}) derive from it.
 */
public enum ItemStatus {
    /** Replicating: cycles run and take recovery points; the VM runs on its protected side. */
    PROTECTED("Protected", "Protected", "None"),
    /** A failover job runs; a planned one may have shut the source down. No cycle runs. */
    FAILOVER_IN_PROGRESS("FailoverInProgress", "Protected", "FailoverInProgress"),
    /** A failover failed after it started changing Azure: what it created may exist; recovery points exist. */
    FAILOVER_FAILED("FailoverFailed", "FailedOver", "FailoverFailed"),
    /** The VM runs on the other side, created from a recovery point; replicas and points are kept until commit. */
    FAILED_OVER_PENDING_COMMIT("FailedOverPendingCommit", "FailedOver", "FailedOverPendingCommit"),
    /** A change of recovery point runs: the new point's disks first, then the current VM is replaced. */
    CHANGE_RECOVERY_POINT_IN_PROGRESS("ChangeRecoveryPointInProgress", "FailedOver", "ChangeRecoveryPointInProgress"),
    /** A change of recovery point failed after it started: the failed-over VM may be gone; points exist. */
    CHANGE_RECOVERY_POINT_FAILED("ChangeRecoveryPointFailed", "FailedOver", "ChangeRecoveryPointFailed"),
    /** A cancel runs: the source is started first, then what the failover created is removed. */
    CANCEL_IN_PROGRESS("CancelFailoverInProgress", "FailedOver", "CancelFailoverInProgress"),
    /** A cancel failed while removing what the failover created: the source runs; only cancel may follow. */
    CANCEL_FAILED("CancelFailoverFailed", "FailedOver", "CancelFailoverFailed"),
    /** A commit runs: replicas and recovery points are being kept as a deleted item; the failed-over VM stays. */
    COMMIT_IN_PROGRESS("CommitInProgress", "FailedOver", "CommitInProgress"),
    /** A commit failed part-way: its deleted item may be written; only the commit may be retried. */
    COMMIT_FAILED("CommitFailed", "FailedOver", "CommitFailed"),
    /** The failover is final: the VM runs on the other side; replication's data is a deleted item until it expires. */
    FAILOVER_COMMITTED("FailoverCommitted", "FailoverCommitted", "FailoverCommitted"),
    /** Disable runs: replicas and recovery points are being kept as a deleted item, the item removed. */
    DISABLING_PROTECTION("DisablingProtection", "DisablingProtection", "None"),
    /** Disable failed part-way: its deleted item may be written; only disable may be retried. */
    DISABLE_FAILED("DisableProtectionFailed", "DisablingProtection", "None");

    private final String wireName;
    private final String protectionState;
    private final String failoverState;

    ItemStatus(String wireName, String protectionState, String failoverState) {
        this.wireName = wireName;
        this.protectionState = protectionState;
        this.failoverState = failoverState;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** ASR's {@code protectionState}: Protected, FailedOver, FailoverCommitted or DisablingProtection. */
    public String protectionState() {
        return protectionState;
    }

    /** The failover's own state, {@code None} while protected. */
    public String failoverState() {
        return failoverState;
    }

    /** True where the VM runs on the side the failover created (or may, mid-operation). */
    public boolean failedOver() {
        return !"None".equals(failoverState) && this != FAILOVER_IN_PROGRESS;
    }

    @JsonCreator
    public static ItemStatus of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown item status '" + wireName + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

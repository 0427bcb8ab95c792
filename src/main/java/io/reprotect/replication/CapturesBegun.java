package io.reprotect.replication;

import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.protection.RecoveryPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SnapshotSourceDisks}' checkpoint: the captures it began and checks on its next runs, so a run never waits
 * for Azure and a redelivered run never begins them again.
 *
 * @param kind a VM restore point, or a snapshot of each disk
 * @param due the kind of point the schedule asked for at the stage's first start
 * @param region the VM's region (where the snapshots are taken)
 * @param ids the restore point's id, or the snapshot of each disk in disk order
 * @param operations the operation of each id, same order; a finished one needs no further check
 */
record CapturesBegun(Kind kind, RecoveryPoint.Capture due, String region, List<String> ids,
        List<PendingOperation> operations) {

    enum Kind {
        RestorePoint, DiskSnapshots
    }

    CapturesBegun {
        ids = List.copyOf(ids);
        operations = List.copyOf(operations);
    }

    /** True when no operation is left to check. */
    boolean allFinished() {
        return operations.stream().allMatch(PendingOperation::finished);
    }

    /** When to check again: the longest wait Azure asked for among the operations still running. */
    Duration checkAfter() {
        return operations.stream().filter(op -> !op.finished()).map(PendingOperation::checkAfter)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The same captures with the operation of capture {@code index} replaced. */
    CapturesBegun with(int index, PendingOperation operation) {
        List<PendingOperation> all = new ArrayList<>(operations);
        all.set(index, operation);
        return new CapturesBegun(kind, due, region, ids, all);
    }

    /** The same captures, operation {@code index} still running: checked again after what Azure asked. */
    CapturesBegun running(int index, OperationCheck check) {
        PendingOperation op = operations.get(index);
        return with(index, new PendingOperation(op.resourceId(), op.statusUrl(), op.deleting(), check.checkAfter()));
    }
}

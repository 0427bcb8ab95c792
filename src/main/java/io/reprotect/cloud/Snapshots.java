package io.reprotect.cloud;

import java.util.Optional;

/** Creates and removes disk snapshots. Throws {@link CloudException} on failure. */
public interface Snapshots {

    /**
     * Creates the snapshot and waits until it succeeded. Idempotent per name: ARM PUT on an
     * existing snapshot with the same source returns it (it is not taken again).
     */
    SnapshotInfo create(SnapshotSpec spec);

    /**
     * Creates the snapshot, or on a {@code rerun} of a stage finds the one an earlier attempt took: a rerun after
     * a throttled attempt then spends a read on each disk already done, not a call of Compute's small
     * snapshot-create budget. A first attempt creates directly, with no read before.
     */
    default SnapshotInfo take(SnapshotSpec spec, boolean rerun) {
        if (rerun) {
            Optional<SnapshotInfo> taken = find(spec.id());
            if (taken.isPresent() && "Succeeded".equalsIgnoreCase(taken.get().provisioningState())) {
                return taken.get();
            }
        }
        return create(spec);
    }

    Optional<SnapshotInfo> find(String snapshotId);

    /** Deletes and waits. Idempotent: a snapshot that is already gone is success. */
    void delete(String snapshotId);

    /**
     * Sends the create (ARM PUT) and returns at once with what {@link #check} needs; never waits for the snapshot.
     * Idempotent per name as {@link #create}: a PUT of a snapshot that exists with the same source is answered
     * from it.
     */
    PendingOperation beginCreate(SnapshotSpec spec);

    /**
     * Sends the delete and returns at once; a snapshot already gone is an operation {@link PendingOperation#finished()
     * finished}. Azure refuses (409) a snapshot whose read access is active: revoke it first.
     */
    PendingOperation beginDelete(String snapshotId);

    /** One call to Azure: where the operation is now. A delete whose resource is gone has succeeded. */
    OperationCheck check(PendingOperation operation);
}

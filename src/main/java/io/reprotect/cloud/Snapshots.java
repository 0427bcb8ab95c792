package io.reprotect.cloud;

import java.util.Optional;

/** Creates and removes disk snapshots. Throws {@link CloudException} on failure. */
public interface Snapshots {

    /**
     * Creates the snapshot and waits until it succeeded. Idempotent per name: ARM PUT on an
     * existing snapshot with the same source returns it (it is not taken again).
     */
    SnapshotInfo create(SnapshotSpec spec);

    Optional<SnapshotInfo> find(String snapshotId);

    /** Deletes and waits. Idempotent: a snapshot that is already gone is success. */
    void delete(String snapshotId);
}

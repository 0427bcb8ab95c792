package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.Snapshots;

/** Deleting a source snapshot: revoke its SAS first (Azure refuses to delete a snapshot in ActiveSAS). */
public final class SourceSnapshots {

    private SourceSnapshots() {
    }

    /** Revokes and deletes; a snapshot already gone is success. */
    public static void delete(DiskAccess access, Snapshots snapshots, String snapshotId) {
        try {
            access.revoke(snapshotId);
        } catch (CloudException.NotFound gone) {
            return;
        }
        snapshots.delete(snapshotId);
    }
}

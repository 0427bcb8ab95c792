package io.reprotect.cloud;

import java.time.Duration;

/**
 * Grants and revokes read access to the bytes of a managed disk or snapshot (ARM beginGetAccess /
 * endGetAccess). While access is granted, Azure keeps the disk in state ActiveSAS: it cannot be
 * attached or deleted, so always revoke when the copy is done.
 */
public interface DiskAccess {

    /**
     * Grants read access for {@code duration} and returns the SAS URL. Calling it again while a
     * grant is active returns a fresh URL (ARM allows it). Throws NotFound when the resource is gone.
     *
     * @param diskOrSnapshotId ARM id of a {@code Microsoft.Compute/disks}, {@code .../snapshots} or disk restore
     *        point ({@code .../restorePointCollections/{c}/restorePoints/{p}/diskRestorePoints/{d}}) resource
     */
    AccessGrant grantRead(String diskOrSnapshotId, Duration duration);

    /** Revokes access. Idempotent: revoking when nothing is granted succeeds. */
    void revoke(String diskOrSnapshotId);
}

package io.reprotect.cloud;

import java.util.Map;
import java.util.Optional;

/**
 * VM restore points (Microsoft.Compute restorePointCollections): one multi-disk point of a VM, whose
 * disk restore points are incremental snapshots that grant read SAS URLs like snapshots do
 * ({@link DiskAccess} takes their ids). Throws {@link CloudException} on failure.
 */
public interface RestorePoints {

    /** Path segment of a disk restore point id, which tells it from a snapshot id. */
    String DISK_RESTORE_POINTS = "/diskRestorePoints/";

    /**
     * Creates the VM's restore point collection when missing, in the VM's region. Idempotent: a PUT
     * of an existing collection changes nothing.
     */
    void ensureCollection(String collectionId, String vmId, String region, Map<String, String> tags);

    /**
     * Creates a restore point of every disk of the VM at one instant, application-consistent when
     * {@code applicationConsistent} (Azure then reports what it achieved), else crash-consistent.
     * Idempotent: a point of that name that exists is returned as it is.
     */
    RestorePointInfo create(String collectionId, String name, boolean applicationConsistent);

    Optional<RestorePointInfo> find(String restorePointId);

    /** Whether a disk restore point exists. */
    boolean diskRestorePointExists(String diskRestorePointId);

    /** Deletes a restore point with its disk restore points; one already gone is success. */
    void delete(String restorePointId);

    /**
     * Sends the create of a restore point (ARM PUT, answered 201 with {@code Azure-AsyncOperation}) and returns at
     * once with what {@link #check} needs; never waits. A point of that name that exists is not created again: its
     * operation is {@link PendingOperation#finished() finished} when it succeeded, else checked through its resource.
     */
    PendingOperation beginCreate(String collectionId, String name, boolean applicationConsistent);

    /** Sends the delete of a restore point and returns at once; one already gone is a finished operation. */
    PendingOperation beginDelete(String restorePointId);

    /** One call to Azure: where the operation is now. A delete whose restore point is gone has succeeded. */
    OperationCheck check(PendingOperation operation);

    /** Deletes a collection with every point in it; one already gone is success. */
    void deleteCollection(String collectionId);

    /** Whether {@code id} names a disk restore point (rather than a snapshot). */
    static boolean isDiskRestorePoint(String id) {
        return id != null && id.toLowerCase(java.util.Locale.ROOT).contains(DISK_RESTORE_POINTS.toLowerCase(
                java.util.Locale.ROOT));
    }

    /** The restore point a disk restore point belongs to. */
    static String restorePointOf(String diskRestorePointId) {
        int at = diskRestorePointId.toLowerCase(java.util.Locale.ROOT)
                .indexOf(DISK_RESTORE_POINTS.toLowerCase(java.util.Locale.ROOT));
        return at < 0 ? diskRestorePointId : diskRestorePointId.substring(0, at);
    }
}

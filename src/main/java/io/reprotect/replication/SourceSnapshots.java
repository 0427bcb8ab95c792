package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.RestorePointInfo;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import java.util.Locale;
import java.util.Optional;

/**
 * A cycle's source captures are incremental snapshots or the disk restore points of a VM restore
 * point: finding and deleting them, whichever they are. Access is revoked first (Azure refuses to
 * delete a snapshot or restore point whose SAS is active).
 */
public final class SourceSnapshots {

    private static final String COLLECTIONS = "/restorepointcollections/";

    private SourceSnapshots() {
    }

    /** Whether the capture still exists. */
    static boolean exists(Snapshots snapshots, RestorePoints restorePoints, String id) {
        return RestorePoints.isDiskRestorePoint(id) ? restorePoints.diskRestorePointExists(id)
                : snapshots.find(id).isPresent();
    }

    /** The resource deleting {@code id} deletes: the restore point of a disk restore point, else itself. */
    static String owner(String id) {
        return RestorePoints.restorePointOf(id);
    }

    /** Revokes and deletes; a capture already gone is success. A disk restore point goes with its whole restore point. */
    public static void delete(DiskAccess access, Snapshots snapshots, RestorePoints restorePoints, String id) {
        if (id.toLowerCase(Locale.ROOT).contains(COLLECTIONS)) {
            Optional<RestorePointInfo> point = restorePoints.find(owner(id));
            if (point.isEmpty()) {
                return;
            }
            for (String disk : point.get().diskRestorePoints().values()) {
                try {
                    access.revoke(disk);
                } catch (CloudException.NotFound gone) {
                    // deleted with its point
                }
            }
            restorePoints.delete(point.get().id());
            return;
        }
        try {
            access.revoke(id);
        } catch (CloudException.NotFound gone) {
            return;
        }
        snapshots.delete(id);
    }
}

package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.RestorePointInfo;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.Snapshots;
import io.reprotect.protection.ProtectedItem;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cycle's source captures are incremental snapshots or the disk restore points of a VM restore
 * point: finding and deleting them, whichever they are. Access is revoked first (Azure refuses to
 * delete a snapshot or restore point whose SAS is active).
 */
public final class SourceSnapshots {

    private static final String COLLECTIONS = "/restorepointcollections/";
    /** The {@code created-by} tag value of every capture the engine takes. */
    private static final String OWNER = "vm-reprotect";

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

    /** What {@link #fireDelete} found and did. */
    enum Release {
        /** The capture is gone (deleted, by this call's answer or an earlier one). */
        Gone,
        /** Its delete was sent and Azure is still at it: verify on the next cycle. */
        Deleting,
        /** It is not the item's (no ownership tags naming it, or outside its restore point collection): untouched. */
        NotOurs
    }

    /**
     * Releases a capture without waiting for Azure: when it is still there and the item's own (a snapshot whose
     * tags say so, {@link #ours}, or a restore point in the item's collection),
     * revokes its read access and sends its delete; never waits for the delete. Called again on a capture whose
     * delete is under way, it finds it gone, or sends the delete again (a delete that failed is fired anew).
     */
    static Release fireDelete(DiskAccess access, Snapshots snapshots, RestorePoints restorePoints, ProtectedItem item,
            String collectionId, String id) {
        if (id.toLowerCase(Locale.ROOT).contains(COLLECTIONS)) {
            String owner = owner(id);
            if (!owner.toLowerCase(Locale.ROOT).startsWith(collectionId.toLowerCase(Locale.ROOT) + "/restorepoints/")) {
                return Release.NotOurs;
            }
            Optional<RestorePointInfo> point = restorePoints.find(owner);
            if (point.isEmpty()) {
                return Release.Gone;
            }
            for (String disk : point.get().diskRestorePoints().values()) {
                try {
                    access.revoke(disk);
                } catch (CloudException.NotFound gone) {
                    // deleted with its point
                }
            }
            return restorePoints.beginDelete(point.get().id()).finished() ? Release.Gone : Release.Deleting;
        }
        Optional<SnapshotInfo> snapshot = snapshots.find(id);
        if (snapshot.isEmpty()) {
            return Release.Gone;
        }
        if (!ours(snapshot.get().tags(), item)) {
            return Release.NotOurs;
        }
        try {
            access.revoke(id);
        } catch (CloudException.NotFound gone) {
            return Release.Gone;
        }
        return snapshots.beginDelete(id).finished() ? Release.Gone : Release.Deleting;
    }

    /**
     * Whether a snapshot's tags name it the item's: {@code created-by=vm-reprotect} and either
     * {@code reprotect-item} naming the item (a cycle's) or {@code reprotect-job} naming the reprotect job that
     * protected it (the resync's, the first cycle's base).
     */
    static boolean ours(Map<String, String> tags, ProtectedItem item) {
        if (!OWNER.equals(tags.get("created-by"))) {
            return false;
        }
        String job = item.origin() == null ? null : item.origin().reprotectJobId();
        return item.id().equals(tags.get("reprotect-item")) || job != null && job.equals(tags.get("reprotect-job"));
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

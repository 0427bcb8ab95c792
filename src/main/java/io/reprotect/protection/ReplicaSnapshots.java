package io.reprotect.protection;

import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.PageBlobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of replica blobs: taking the ones of a recovery point (idempotently, found again by the
 * job id in their metadata) and deleting them.
 */
public final class ReplicaSnapshots {

    /** Snapshot metadata key naming the job whose recovery point it belongs to. */
    public static final String RECOVERY_POINT_METADATA = "recoverypointjob";

    private ReplicaSnapshots() {
    }

    /** Snapshots every replica, or finds the snapshots a previous run for {@code jobId} took. */
    public static List<RecoveryPoint.DiskPoint> take(PageBlobs blobs, Outputs.AccountRef account,
            List<Outputs.Replica> replicas, String jobId) {
        List<RecoveryPoint.DiskPoint> disks = new ArrayList<>();
        for (Outputs.Replica replica : replicas) {
            BlobRef blob = BlobRef.of(account.blobEndpoint(), replica.container(), replica.blobName());
            String snapshot = blobs.findSnapshot(blob, RECOVERY_POINT_METADATA, jobId)
                    .orElseGet(() -> blobs.takeSnapshot(blob, Map.of(RECOVERY_POINT_METADATA, jobId)));
            disks.add(new RecoveryPoint.DiskPoint(replica.sourceDiskId(), replica.container(), replica.blobName(),
                    snapshot, blobs.url(blob) + "?snapshot=" + snapshot));
        }
        return disks;
    }

    /** Deletes the replica snapshots of a recovery point; ones already gone are success. */
    public static void delete(PageBlobs blobs, Outputs.AccountRef account, RecoveryPoint point) {
        for (RecoveryPoint.DiskPoint disk : point.disks()) {
            blobs.deleteIfExists(new BlobRef(account.blobEndpoint(), disk.container(), disk.blobName(),
                    disk.snapshot()));
        }
    }

    /** Deletes a replica blob with all its snapshots; one already gone is success. */
    public static void deleteReplica(PageBlobs blobs, Outputs.AccountRef account, Outputs.Replica replica) {
        blobs.deleteWithSnapshots(BlobRef.of(account.blobEndpoint(), replica.container(), replica.blobName()));
    }
}

package io.reprotect.protection;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.cloud.BlobAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    public static List<RecoveryPoint.DiskPoint> take(BlobAccounts blobs, Outputs.AccountRef account,
            List<Outputs.Replica> replicas, String jobId) {
        List<RecoveryPoint.DiskPoint> disks = new ArrayList<>();
        for (Outputs.Replica replica : replicas) {
            BlobContainerClient container = blobs.account(account.blobEndpoint())
                    .getBlobContainerClient(replica.container());
            BlobClient blob = container.getBlobClient(replica.blobName());
            Optional<BlobItem> existing = container.listBlobs(new ListBlobsOptions().setPrefix(replica.blobName())
                    .setDetails(new BlobListDetails().setRetrieveSnapshots(true).setRetrieveMetadata(true)), null)
                    .stream()
                    .filter(b -> b.getSnapshot() != null && b.getName().equals(replica.blobName())
                            && b.getMetadata() != null && jobId.equals(b.getMetadata().get(RECOVERY_POINT_METADATA)))
                    .findFirst();
            String snapshot = existing.map(BlobItem::getSnapshot).orElseGet(() -> blob
                    .createSnapshotWithResponse(Map.of(RECOVERY_POINT_METADATA, jobId), null, null, null)
                    .getValue().getSnapshotId());
            disks.add(new RecoveryPoint.DiskPoint(replica.sourceDiskId(), replica.container(), replica.blobName(),
                    snapshot, blob.getBlobUrl() + "?snapshot=" + snapshot));
        }
        return disks;
    }

    /** Deletes the replica snapshots of a recovery point; ones already gone are success. */
    public static void delete(BlobAccounts blobs, Outputs.AccountRef account, RecoveryPoint point) {
        for (RecoveryPoint.DiskPoint disk : point.disks()) {
            try {
                blobs.account(account.blobEndpoint()).getBlobContainerClient(disk.container())
                        .getBlobClient(disk.blobName(), disk.snapshot()).delete();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a replica blob with all its snapshots; one already gone is success. */
    public static void deleteReplica(BlobAccounts blobs, Outputs.AccountRef account, Outputs.Replica replica) {
        try {
            blobs.account(account.blobEndpoint()).getBlobContainerClient(replica.container())
                    .getBlobClient(replica.blobName())
                    .deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }
}

package io.reprotect.replication;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.protection.Outputs;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.blob.PageBlobSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * One bounded slice of the delta-sync compare of a source snapshot against its replica blob: what
 * the resync does, and what a replication cycle falls back to when its snapshot chain is broken.
 * Writes absolute page contents, so a slice redone after a crash changes nothing more.
 */
@ApplicationScoped
public class ReplicaSlices {

    private final ReadGrants grants;
    private final BlobAccounts blobs;
    private final SyncConfig sync;

    public ReplicaSlices(ReadGrants grants, BlobAccounts blobs, SyncConfig sync) {
        this.grants = grants;
        this.blobs = blobs;
        this.sync = sync;
    }

    /** Runs one slice from {@code checkpoint}; creates or resizes the replica to the snapshot's size. */
    public SliceResult run(String snapshotId, Outputs.Replica replica, Outputs.AccountRef account,
            SyncCheckpoint checkpoint) {
        return grants.using(List.of(snapshotId), urls -> slice(urls.get(0), snapshotId, replica, account, checkpoint));
    }

    private SliceResult slice(String sourceUrl, String snapshotId, Outputs.Replica replica,
            Outputs.AccountRef account, SyncCheckpoint checkpoint) {
        PageBlobClient source = new BlobClientBuilder().endpoint(sourceUrl).buildClient().getPageBlobClient();
        BlobContainerClient container = blobs.account(account.blobEndpoint())
                .getBlobContainerClient(replica.container());
        container.createIfNotExists();
        PageBlobClient target = container.getBlobClient(replica.blobName()).getPageBlobClient();
        long size = source.getProperties().getBlobSize();
        if (!target.exists()) {
            target.create(size);
        } else if (target.getProperties().getBlobSize() != size) {
            target.resize(size);
        }
        return PageBlobSync.engine(source, target, sync.writer(), sourceUrl, sync.options())
                .runSlice(checkpoint == null ? SyncCheckpoint.start(snapshotId) : checkpoint, sync.sliceLimits());
    }

    /** Ends read access to the snapshot. */
    public void done(String snapshotId) {
        grants.revoke(snapshotId);
    }
}

package io.reprotect.replication;

import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.protection.Outputs;
import io.reprotect.sync.SliceResult;
import io.reprotect.sync.SyncCheckpoint;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.blob.BlobSyncEngines;
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
    private final PageBlobs blobs;
    private final BlobSyncEngines engines;
    private final SyncConfig sync;

    public ReplicaSlices(ReadGrants grants, PageBlobs blobs, BlobSyncEngines engines, SyncConfig sync) {
        this.grants = grants;
        this.blobs = blobs;
        this.engines = engines;
        this.sync = sync;
    }

    /** Runs one slice from {@code checkpoint}; creates or resizes the replica to the snapshot's size. */
    public SliceResult run(String snapshotId, Outputs.Replica replica, Outputs.AccountRef account,
            SyncCheckpoint checkpoint) {
        return grants.using(List.of(snapshotId), urls -> slice(urls.get(0), snapshotId, replica, account, checkpoint));
    }

    private SliceResult slice(String sourceUrl, String snapshotId, Outputs.Replica replica,
            Outputs.AccountRef account, SyncCheckpoint checkpoint) {
        BlobRef target = BlobRef.of(account.blobEndpoint(), replica.container(), replica.blobName());
        blobs.createContainerIfMissing(account.blobEndpoint(), replica.container());
        long size = blobs.sizeBytesAt(sourceUrl);
        if (!blobs.exists(target)) {
            blobs.create(target, size);
        } else if (blobs.sizeBytes(target) != size) {
            blobs.resize(target, size);
        }
        return engines.deltaSync(sourceUrl, target, sync.writer(), sync.options())
                .runSlice(checkpoint == null ? SyncCheckpoint.start(snapshotId) : checkpoint, sync.sliceLimits());
    }

    /** Ends read access to the snapshot. */
    public void done(String snapshotId) {
        grants.revoke(snapshotId);
    }
}

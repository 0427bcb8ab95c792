package io.reprotect.sync.blob;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.cloud.BlobRef;
import io.reprotect.sync.DeltaSyncEngine;
import io.reprotect.sync.DeltaSyncOptions;
import io.reprotect.sync.IncrementalCopy;
import io.reprotect.sync.SnapshotDiffs;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sync engines wired to a replica page blob named by a {@link BlobRef}, so that stages name blobs and never hold
 * the SDK's clients: the source by its read SAS URL (which authenticates it), the replica through
 * {@link BlobAccounts}.
 */
@ApplicationScoped
public class BlobSyncEngines {

    private static final int FORBIDDEN = 403;

    private final BlobAccounts accounts;

    public BlobSyncEngines(BlobAccounts accounts) {
        this.accounts = accounts;
    }

    /** The delta-sync compare of the snapshot at {@code sourceUrl} against {@code replica} ({@link PageBlobSync}). */
    public DeltaSyncEngine deltaSync(String sourceUrl, BlobRef replica, PageWriterKind writer,
            DeltaSyncOptions options) {
        PageBlobClient source = new BlobClientBuilder().endpoint(sourceUrl).buildClient().getPageBlobClient();
        return PageBlobSync.engine(source, pageBlob(replica), writer, sourceUrl, options);
    }

    /** The incremental copy of what changed between two snapshots into {@code replica} ({@link PageBlobIncrementalCopy}). */
    public IncrementalCopy incrementalCopy(SnapshotDiffs diffs, String snapshotUrl, String previousSnapshotUrl,
            BlobRef replica, PageWriterKind writer, int parallelism) {
        return PageBlobIncrementalCopy.create(diffs, snapshotUrl, previousSnapshotUrl, pageBlob(replica), writer,
                parallelism);
    }

    /**
     * Whether {@code failure} is the blob service refusing a SAS URL the engines read with: 403 (revoked, expired,
     * signature no longer valid), anywhere in its causes.
     */
    public static boolean refusedAccess(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStorageException b && b.getStatusCode() == FORBIDDEN) {
                return true;
            }
        }
        return false;
    }

    private PageBlobClient pageBlob(BlobRef blob) {
        return accounts.account(blob.blobEndpoint()).getBlobContainerClient(blob.container())
                .getBlobClient(blob.name()).getPageBlobClient();
    }
}

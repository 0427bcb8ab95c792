package io.reprotect.sync.blob;

import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.specialized.PageBlobClient;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.reprotect.sync.IncrementalCopy;
import io.reprotect.sync.SnapshotDiffs;
import java.time.Duration;

/**
 * Wires an {@link IncrementalCopy} to page blobs: the two snapshots by their read SAS URLs (as
 * ARM's grant access hands them out) and the replica page blob.
 *
 * <pre>
 * IncrementalCopy copy = PageBlobIncrementalCopy.create(diffs, newSasUrl, oldSasUrl, replica, PageWriterKind.FROM_URL, 4);
 * IncrementalCopyCheckpoint cp = IncrementalCopyCheckpoint.start();   // or the one saved by the last slice
 * do { cp = copy.runSlice(cp, limits); save(cp); } while (!cp.done());
 * </pre>
 */
public final class PageBlobIncrementalCopy {

    private PageBlobIncrementalCopy() {
    }

    /**
     * @param diffs               Get Page Ranges with x-ms-previous-snapshot-url ({@link PageBlobSnapshotDiffs} in production)
     * @param snapshotUrl         read SAS URL of the newer snapshot: the image the replica becomes
     * @param previousSnapshotUrl read SAS URL of the older snapshot: the image the replica holds now
     * @param replica             the replica page blob, writable by the app
     * @param writer              {@link PageWriterKind#FROM_URL} in Azure (the service copies from snapshotUrl),
     *                            {@link PageWriterKind#LOCAL} on Azurite (the app reads the changed bytes)
     * @param parallelism         writes in flight at once, 1 to 16
     */
    public static IncrementalCopy create(SnapshotDiffs diffs, String snapshotUrl, String previousSnapshotUrl,
            PageBlobClient replica, PageWriterKind writer, int parallelism) {
        PageBlobClient snapshot = fromUrl(snapshotUrl);
        PageBlobClient previous = fromUrl(previousSnapshotUrl);
        IncrementalCopy.Replica target = new IncrementalCopy.Replica() {
            @Override
            public long sizeBytes() {
                return replica.getProperties().getBlobSize();
            }

            @Override
            public void resize(long bytes) {
                replica.resize(bytes);
            }
        };
        return new IncrementalCopy(diffs, snapshotUrl, previousSnapshotUrl, new PageBlobRangeReader(snapshot),
                new PageBlobRangeReader(previous), target, writer.create(replica, snapshotUrl), parallelism);
    }

    /** A client for a SAS URL; transient failures are retried a few times, quickly, before the stage's own retry. */
    public static PageBlobClient fromUrl(String sasUrl) {
        return new BlobClientBuilder().endpoint(sasUrl).retryOptions(RETRIES).buildClient().getPageBlobClient();
    }

    private static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3,
            Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(8), null);
}

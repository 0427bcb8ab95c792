package io.reprotect.failover;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.cloud.VhdFooter;
import io.reprotect.job.DerivedIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a replica snapshot importable as a managed disk: Azure's Import takes a blob (not a snapshot)
 * that ends in a fixed-VHD footer. The snapshot is copied server-side into a temporary page blob in the
 * same account, which is then sized to the disk plus 512 bytes and given a footer.
 *
 * <p>Idempotent: the copy is recognised by the snapshot URL in the blob's metadata, and the footer is
 * derived from the blob's name, so a rerun rewrites the same bytes.
 */
@ApplicationScoped
public class ImportableBlobs {

    static final String SOURCE_METADATA = "importsource";
    private static final Instant FOOTER_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /** Where a temporary blob is. */
    public enum State { COPYING, READY }

    private final BlobAccounts blobs;

    public ImportableBlobs(BlobAccounts blobs) {
        this.blobs = blobs;
    }

    /**
     * Starts or checks the copy of {@code snapshotUrl} into {@code container/blobName}, and once it is
     * done writes the footer for {@code diskBytes} (0: the size the copy holds, {@link #virtualSize}).
     * Returns READY when the blob can be imported.
     */
    public State prepare(String blobEndpoint, String container, String blobName, String snapshotUrl, long diskBytes) {
        BlobClient blob = blobs.account(blobEndpoint).getBlobContainerClient(container).getBlobClient(blobName);
        Optional<BlobProperties> props = properties(blob);
        boolean ours = props.map(p -> snapshotUrl.equals(p.getMetadata().get(SOURCE_METADATA))).orElse(false);
        if (props.isEmpty() || !ours || props.get().getCopyStatus() == CopyStatusType.FAILED
                || props.get().getCopyStatus() == CopyStatusType.ABORTED) {
            blob.deleteIfExists();
            blob.beginCopy(new BlobBeginCopyOptions(snapshotUrl).setMetadata(Map.of(SOURCE_METADATA, snapshotUrl)));
            props = properties(blob);
        }
        if (props.isPresent() && props.get().getCopyStatus() == CopyStatusType.PENDING) {
            return State.COPYING;
        }
        PageBlobClient page = blob.getPageBlobClient();
        long copied = page.getProperties().getBlobSize();
        long disk = diskBytes > 0 ? diskBytes : virtualSize(copied);
        long size = disk + VhdFooter.FOOTER_BYTES;
        if (page.getProperties().getBlobSize() != size) {
            page.resize(size);
        }
        byte[] footer = new VhdFooter(disk, DerivedIds.uuid(blobName), FOOTER_TIME).toBytes();
        page.uploadPages(new PageRange().setStart(disk).setEnd(size - 1), new ByteArrayInputStream(footer));
        return State.READY;
    }

    /**
     * The disk size a copied snapshot holds: a managed disk's export already ends in a footer (its size is
     * N MiB + 512); a blob without one is the disk itself, rounded up to whole MiB as Azure requires.
     */
    static long virtualSize(long blobBytes) {
        if (blobBytes % VhdFooter.SIZE_ALIGNMENT_BYTES == VhdFooter.FOOTER_BYTES) {
            return blobBytes - VhdFooter.FOOTER_BYTES;
        }
        return (blobBytes + VhdFooter.SIZE_ALIGNMENT_BYTES - 1) / VhdFooter.SIZE_ALIGNMENT_BYTES
                * VhdFooter.SIZE_ALIGNMENT_BYTES;
    }

    /** The blob's URL without any SAS, as Import's {@code sourceUri} wants it. */
    public String url(String blobEndpoint, String container, String blobName) {
        return blobs.account(blobEndpoint).getBlobContainerClient(container).getBlobClient(blobName).getBlobUrl();
    }

    /** Deletes the temporary blob; idempotent. */
    public void delete(String blobEndpoint, String container, String blobName) {
        blobs.account(blobEndpoint).getBlobContainerClient(container).getBlobClient(blobName).deleteIfExists();
    }

    private static Optional<BlobProperties> properties(BlobClient blob) {
        try {
            return Optional.of(blob.getProperties());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

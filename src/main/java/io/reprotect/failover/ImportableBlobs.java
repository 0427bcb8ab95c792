package io.reprotect.failover;

import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.BlobState;
import io.reprotect.cloud.CopyStatus;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.cloud.VhdFooter;
import io.reprotect.job.DerivedIds;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final PageBlobs blobs;

    public ImportableBlobs(PageBlobs blobs) {
        this.blobs = blobs;
    }

    /**
     * Starts or checks the copy of {@code snapshotUrl} into {@code container/blobName}, and once it is
     * done writes the footer for {@code diskBytes} (0: the size the copy holds, {@link #virtualSize}).
     * Returns READY when the blob can be imported.
     */
    public State prepare(String blobEndpoint, String container, String blobName, String snapshotUrl, long diskBytes) {
        BlobRef blob = BlobRef.of(blobEndpoint, container, blobName);
        Optional<BlobState> props = blobs.find(blob);
        boolean ours = props.map(p -> snapshotUrl.equals(p.metadata().get(SOURCE_METADATA))).orElse(false);
        if (props.isEmpty() || !ours || props.get().copyStatus() != null && props.get().copyStatus().ended()) {
            blobs.deleteIfExists(blob);
            blobs.startCopy(blob, snapshotUrl, Map.of(SOURCE_METADATA, snapshotUrl));
            props = blobs.find(blob);
        }
        if (props.isPresent() && CopyStatus.PENDING.equals(props.get().copyStatus())) {
            return State.COPYING;
        }
        long copied = blobs.sizeBytes(blob);
        long disk = diskBytes > 0 ? diskBytes : virtualSize(copied);
        long size = disk + VhdFooter.FOOTER_BYTES;
        if (blobs.sizeBytes(blob) != size) {
            blobs.resize(blob, size);
        }
        byte[] footer = new VhdFooter(disk, DerivedIds.uuid(blobName), FOOTER_TIME).toBytes();
        blobs.writePages(blob, disk, footer);
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
        return blobs.url(BlobRef.of(blobEndpoint, container, blobName));
    }

    /** Deletes the temporary blob; idempotent. */
    public void delete(String blobEndpoint, String container, String blobName) {
        blobs.deleteIfExists(BlobRef.of(blobEndpoint, container, blobName));
    }
}

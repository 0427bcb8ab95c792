package io.reprotect.sync.blob;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.PageBlobClient;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A fixed image of the source: the resync stage takes a snapshot when it starts, records its id
 * in the checkpoint, and every slice reads that snapshot, so the sync converges on one image even
 * if the source changes meanwhile.
 *
 * @param source     the live source blob
 * @param snapshotId the snapshot's id (its timestamp)
 */
public record SourceSnapshot(BlobClient source, String snapshotId) {

    /** Takes a snapshot of source. Not idempotent: record the id and reuse it on retries. */
    public static SourceSnapshot take(BlobClient source) {
        return new SourceSnapshot(source, source.createSnapshot().getSnapshotId());
    }

    /** The snapshot as a blob client (read only). */
    public BlobClient blob() {
        return source.getSnapshotClient(snapshotId);
    }

    public PageBlobClient pageBlob() {
        return blob().getPageBlobClient();
    }

    /**
     * URL of the snapshot with a read SAS valid for validity, for Put Page From URL. Needs a
     * client authenticated with the account key; with Entra ID, build a user delegation SAS instead.
     */
    public String readUrl(Duration validity) {
        String sas = blob().generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plus(validity), new BlobSasPermission().setReadPermission(true)));
        String url = blob().getBlobUrl();
        return url + (url.contains("?") ? "&" : "?") + sas;
    }

    /** Deletes the snapshot once the sync is done. Idempotent: a missing snapshot is fine. */
    public void delete() {
        blob().deleteIfExists();
    }
}

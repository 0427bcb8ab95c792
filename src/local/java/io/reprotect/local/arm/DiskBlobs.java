package io.reprotect.local.arm;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlobClientBase;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.local.AzuriteLauncher;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes behind the stand-in's managed disks and snapshots: page blobs on Azurite, in the
 * storage account of the resource's region, in one container per stand-in instance.
 */
final class DiskBlobs {

    /** Where a disk's or snapshot's bytes live; {@code snapshot} is a blob snapshot id or null. */
    record BlobRef(String account, String container, String blob, String snapshot) {
    }

    /** Longest SAS the stand-in hands out, whatever the caller asks (ARM's own limit is much longer). */
    static final Duration MAX_SAS = Duration.ofHours(4);
    private static final Duration COPY_POLL = Duration.ofMillis(50);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, String> regionAccounts;
    private final String container;
    private final Map<String, BlobServiceClient> services = new ConcurrentHashMap<>();

    DiskBlobs(Map<String, String> regionAccounts, String container) {
        this.regionAccounts = regionAccounts;
        this.container = container;
    }

    /** The Azurite account holding disks of {@code region}, or null when the stand-in has none for it. */
    String accountFor(String region) {
        return region == null ? null : regionAccounts.get(region.toLowerCase(java.util.Locale.ROOT));
    }

    BlobRef createEmpty(String region, String blobName, long bytes) {
        BlobRef ref = new BlobRef(accountFor(region), container, blobName, null);
        containerClient(ref.account()).getBlobClient(blobName).getPageBlobClient().create(bytes, true);
        return ref;
    }

    /** Incremental: a blob snapshot of the source. Full: a server-side copy into a blob of its own. */
    BlobRef snapshot(BlobRef source, String targetBlobName, boolean incremental) {
        if (incremental) {
            BlobClientBase snap = client(source).createSnapshot();
            return new BlobRef(source.account(), source.container(), source.blob(), snap.getSnapshotId());
        }
        BlobRef target = new BlobRef(source.account(), container, targetBlobName, null);
        containerClient(target.account()).getBlobClient(targetBlobName)
                .beginCopy(readSasUrl(source, Duration.ofMinutes(15)), COPY_POLL).waitForCompletion(COPY_TIMEOUT);
        return target;
    }

    /** A read-only SAS URL that expires after {@code duration} (at most {@link #MAX_SAS}). */
    String readSasUrl(BlobRef ref, Duration duration) {
        Duration d = duration.compareTo(MAX_SAS) > 0 ? MAX_SAS : duration;
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(OffsetDateTime.now().plus(d),
                new BlobSasPermission().setReadPermission(true));
        BlobClientBase client = client(ref);
        String url = client.getBlobUrl();
        return url + (url.contains("?") ? "&" : "?") + client.generateSas(values);
    }

    PageBlobClient pageBlob(BlobRef ref) {
        return containerClient(ref.account()).getBlobClient(ref.blob(), ref.snapshot()).getPageBlobClient();
    }

    void delete(BlobRef ref) {
        client(ref).deleteIfExists();
    }

    private BlobClientBase client(BlobRef ref) {
        return containerClient(ref.account()).getBlobClient(ref.blob(), ref.snapshot());
    }

    private BlobContainerClient containerClient(String account) {
        BlobServiceClient service = services.computeIfAbsent(account, a -> new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString(a)).buildClient());
        BlobContainerClient c = service.getBlobContainerClient(container);
        c.createIfNotExists();
        return c;
    }
}

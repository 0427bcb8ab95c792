package io.reprotect.local.arm;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobAccessPolicy;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobSignedIdentifier;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlobClientBase;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.local.AzuriteLauncher;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes behind the stand-in's managed disks and snapshots: page blobs on Azurite, in the
 * storage account of the resource's region, one container per disk (and per full snapshot) so
 * that access granted through a stored access policy can be revoked, as ARM's endGetAccess does.
 * Incremental snapshots are blob snapshots in their disk's container.
 */
final class DiskBlobs {

    /** Where a disk's or snapshot's bytes live; {@code snapshot} is a blob snapshot id or null. */
    record BlobRef(String account, String container, String blob, String snapshot) {
    }

    /** Longest SAS the stand-in hands out, whatever the caller asks (ARM's own limit is much longer). */
    static final Duration MAX_SAS = Duration.ofHours(4);
    private static final Duration COPY_POLL = Duration.ofMillis(50);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);

    /** Azure allows five stored access policies per container: the disk's and four of its snapshots'. */
    static final int MAX_POLICIES = 5;

    private final Map<String, String> regionAccounts;
    private final String containerPrefix;
    private final AtomicInteger containers = new AtomicInteger();
    private final Map<String, BlobServiceClient> services = new ConcurrentHashMap<>();
    private final Map<String, BlobServiceClient> recordingServices = new ConcurrentHashMap<>();
    private final DiskWriteLog writes;

    DiskBlobs(Map<String, String> regionAccounts, String containerPrefix, DiskWriteLog writes) {
        this.regionAccounts = regionAccounts;
        this.containerPrefix = containerPrefix;
        this.writes = writes;
    }

    private String newContainer() {
        return containerPrefix + "-" + containers.incrementAndGet();
    }

    /** The Azurite account holding disks of {@code region}, or null when the stand-in has none for it. */
    String accountFor(String region) {
        return region == null ? null : regionAccounts.get(region.toLowerCase(java.util.Locale.ROOT));
    }

    BlobRef createEmpty(String region, String blobName, long bytes) {
        BlobRef ref = new BlobRef(accountFor(region), newContainer(), blobName, null);
        containerClient(ref).getBlobClient(blobName).getPageBlobClient().create(bytes, true);
        return ref;
    }

    /** Incremental: a blob snapshot of the source. Full: a server-side copy into a blob of its own. */
    BlobRef snapshot(BlobRef source, String targetBlobName, boolean incremental) {
        if (incremental) {
            BlobClientBase disk = client(source);
            String[] id = new String[1];
            writes.snapshot(writeLogKey(source), disk.getProperties().getBlobSize(),
                    () -> id[0] = disk.createSnapshot().getSnapshotId());
            return new BlobRef(source.account(), source.container(), source.blob(), id[0]);
        }
        BlobRef target = new BlobRef(source.account(), newContainer(), targetBlobName, null);
        BlobClientBase sourceClient = client(source);
        String sas = sourceClient.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plus(COPY_TIMEOUT),
                new BlobSasPermission().setReadPermission(true)));
        containerClient(target).getBlobClient(targetBlobName)
                .beginCopy(withQuery(sourceClient.getBlobUrl(), sas), COPY_POLL).waitForCompletion(COPY_TIMEOUT);
        return target;
    }

    /**
     * A read-only SAS URL, valid for {@code duration} (at most {@link #MAX_SAS}) or until {@link #revoke}:
     * it refers to a stored access policy of the container, which revoke removes.
     */
    String grantRead(BlobRef ref, Duration duration) {
        Duration d = duration.compareTo(MAX_SAS) > 0 ? MAX_SAS : duration;
        BlobContainerClient container = containerClient(ref);
        List<BlobSignedIdentifier> policies = new ArrayList<>(otherPolicies(container, ref));
        if (policies.size() >= MAX_POLICIES) {
            throw new IllegalStateException("more than " + MAX_POLICIES + " active grants on one disk and its snapshots");
        }
        policies.add(new BlobSignedIdentifier().setId(policyId(ref)).setAccessPolicy(new BlobAccessPolicy()
                .setStartsOn(OffsetDateTime.now().minusMinutes(1)).setExpiresOn(OffsetDateTime.now().plus(d))
                .setPermissions("r")));
        container.setAccessPolicy(null, policies);
        BlobClientBase client = client(ref);
        return withQuery(client.getBlobUrl(), client.generateSas(new BlobServiceSasSignatureValues(policyId(ref))));
    }

    /** Ends every SAS {@link #grantRead} handed out for {@code ref}. */
    void revoke(BlobRef ref) {
        BlobContainerClient container = containerClient(ref);
        container.setAccessPolicy(null, otherPolicies(container, ref));
    }

    private static List<BlobSignedIdentifier> otherPolicies(BlobContainerClient container, BlobRef ref) {
        List<BlobSignedIdentifier> ids = container.getAccessPolicy().getIdentifiers();
        return ids == null ? List.of() : ids.stream().filter(i -> !i.getId().equals(policyId(ref))).toList();
    }

    private static String policyId(BlobRef ref) {
        return ref.snapshot() == null ? "disk" : "snap-" + Integer.toHexString(ref.snapshot().hashCode());
    }

    private static String withQuery(String url, String query) {
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    /** A disk's page blob records its writes in the {@link DiskWriteLog}, so incremental snapshots can be diffed. */
    PageBlobClient pageBlob(BlobRef ref) {
        if (ref.snapshot() != null) {
            return containerClient(ref).getBlobClient(ref.blob(), ref.snapshot()).getPageBlobClient();
        }
        containerClient(ref);
        return recordingServices.computeIfAbsent(ref.account(), a -> new BlobServiceClientBuilder()
                        .connectionString(AzuriteLauncher.connectionString(a)).addPolicy(writes.recorder()).buildClient())
                .getBlobContainerClient(ref.container()).getBlobClient(ref.blob()).getPageBlobClient();
    }

    /**
     * Deletes the blob. A disk's blob that still has blob snapshots (its incremental snapshots) stays:
     * a snapshot outlives the disk it was taken from, as in Azure.
     */
    void delete(BlobRef ref) {
        try {
            client(ref).deleteIfExists();
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.SNAPSHOTS_PRESENT.equals(e.getErrorCode())) {
                throw e;
            }
        }
        if (ref.snapshot() != null) {
            writes.forget(writeLogKey(ref), ref.snapshot());
        }
    }

    static String writeLogKey(BlobRef ref) {
        return DiskWriteLog.key(ref.account(), ref.container(), ref.blob());
    }

    private BlobClientBase client(BlobRef ref) {
        return containerClient(ref).getBlobClient(ref.blob(), ref.snapshot());
    }

    private BlobContainerClient containerClient(BlobRef ref) {
        BlobServiceClient service = services.computeIfAbsent(ref.account(), a -> new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString(a)).buildClient());
        BlobContainerClient c = service.getBlobContainerClient(ref.container());
        c.createIfNotExists();
        return c;
    }
}

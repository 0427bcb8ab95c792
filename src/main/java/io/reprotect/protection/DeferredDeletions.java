package io.reprotect.protection;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.core.type.TypeReference;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import io.reprotect.job.VersionedBlob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What commit or disable could not delete because its region did not answer (source snapshots and restore points
 * of a region that is down: the outage that forced the failover must not block its commit). One JSON blob per
 * protected item, {@code deferred-deletions/{itemId}.json}, changed If-Match ({@link VersionedBlob}); the watchdog
 * retries each entry until it is gone ({@code replication.DeferredCleanup}). It outlives the item (disable removes
 * the item).
 */
@ApplicationScoped
public class DeferredDeletions {

    private static final String PREFIX = "deferred-deletions/";

    /**
     * One resource to delete later.
     *
     * @param resourceId what to delete (a snapshot, a disk restore point, a restore point collection)
     * @param jobId      the job that could not delete it
     * @param reason     why (the error, redacted)
     * @param since      when it was deferred
     */
    public record Entry(String resourceId, String jobId, String reason, Instant since) {
    }

    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public DeferredDeletions(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    /** Adds entries for the item (one per resource id; a repeat keeps the first). */
    public void add(String itemId, List<Entry> entries) {
        if (!entries.isEmpty()) {
            change(itemId, current -> {
                Map<String, Entry> all = new LinkedHashMap<>();
                current.forEach(e -> all.put(e.resourceId().toLowerCase(java.util.Locale.ROOT), e));
                entries.forEach(e -> all.putIfAbsent(e.resourceId().toLowerCase(java.util.Locale.ROOT), e));
                return List.copyOf(all.values());
            });
        }
    }

    /** Removes the entry once its resource is gone. */
    public void done(String itemId, String resourceId) {
        change(itemId, current -> current.stream().filter(e -> !e.resourceId().equalsIgnoreCase(resourceId)).toList());
    }

    public List<Entry> of(String itemId) {
        return record(itemId).read().map(Versioned::value).orElse(List.of());
    }

    /** The items with deferred deletions (one listing of a prefix that is empty when nothing is deferred). */
    public List<String> itemIds() {
        List<String> ids = new ArrayList<>();
        try {
            for (BlobItem item : blobs.getBlobContainerClient(config.jobContainer())
                    .listBlobs(new ListBlobsOptions().setPrefix(PREFIX), null)) {
                ids.add(item.getName().substring(PREFIX.length(), item.getName().length() - ".json".length()));
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) { // no job container yet: nothing was deferred
                throw e;
            }
        }
        return ids;
    }

    /** Changes the item's entries If-Match; no entries left deletes the blob. */
    private void change(String itemId, UnaryOperator<List<Entry>> change) {
        record(itemId).update(current -> Optional.of(change.apply(current.orElse(List.of())))
                .filter(entries -> !entries.isEmpty()));
    }

    private VersionedBlob<List<Entry>> record(String itemId) {
        return new VersionedBlob<>(blob(itemId), "deferred deletions of " + itemId, DeferredDeletions::parse);
    }

    private static List<Entry> parse(byte[] json) {
        try {
            return JobJson.MAPPER.convertValue(JobJson.MAPPER.readTree(json), new TypeReference<List<Entry>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BlobClient blob(String itemId) {
        return blobs.getBlobContainerClient(config.jobContainer()).getBlobClient(PREFIX + itemId + ".json");
    }
}

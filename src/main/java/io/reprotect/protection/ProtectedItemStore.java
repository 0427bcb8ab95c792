package io.reprotect.protection;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.Hashes;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import io.reprotect.job.VersionedBlob;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Protected items as JSON blobs {@code protected-items/{id}.json} in the job container, with ETag
 * optimistic concurrency: every change reads, changes and writes If-Match, again on a conflict
 * ({@link VersionedBlob}, at most {@link VersionedBlob#MAX_CONFLICTS} times).
 */
@ApplicationScoped
public class ProtectedItemStore {

    private static final String PREFIX = "protected-items/";
    /** Alias blobs: {@code protected-item-aliases/{idOf(vmId)}} holds the id of the VM's item. */
    private static final String ALIASES = "protected-item-aliases/";

    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public ProtectedItemStore(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    /** The item id of a VM: stable, URL-safe, case-insensitive in the VM id like ARM. */
    public static String idOf(String vmId) {
        return Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)).substring(0, 32);
    }

    public Optional<ProtectedItem> get(String id) {
        return isId(id) ? record(id).read().map(Versioned::value) : Optional.empty();
    }

    /**
     * The item of a VM: the item keyed by the VM's id, else the item an alias names for it (the VM a
     * failback created, now replicating; see {@link #putAlias}), if that item still names the VM.
     */
    public Optional<ProtectedItem> findByVm(String vmId) {
        Optional<ProtectedItem> own = get(idOf(vmId));
        if (own.isPresent()) {
            return own;
        }
        try {
            String itemId = aliasBlob(vmId).downloadContent().toString();
            return get(itemId).filter(item -> names(item, vmId));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Records that {@code vmId} belongs to item {@code itemId} (an item keeps the id of the VM it was
     * first protected as, while failover and reprotect move it between two VMs). Idempotent; an alias
     * counts only while the item names the VM, so a stale one finds nothing.
     */
    public void putAlias(String vmId, String itemId) {
        if (!idOf(vmId).equals(itemId)) {
            aliasBlob(vmId).upload(BinaryData.fromString(itemId), true);
        }
    }

    private static boolean names(ProtectedItem item, String vmId) {
        return vmId.equalsIgnoreCase(item.vmId()) || vmId.equalsIgnoreCase(item.failoverVmId());
    }

    private BlobClient aliasBlob(String vmId) {
        return container().getBlobClient(ALIASES + idOf(vmId));
    }

    /**
     * Writes a new item, only if there is none with its id (If-None-Match).
     *
     * @return true when written, false when an item with the id exists (it is left as it is)
     */
    public boolean create(ProtectedItem item) {
        return record(item.id()).create(item);
    }

    /**
     * Deletes the item if {@code condition} holds for it as stored now (If-Match on the version tested).
     *
     * @return true when deleted or already gone, false when the condition did not hold
     */
    public boolean deleteIf(String id, java.util.function.Predicate<ProtectedItem> condition) {
        if (!isId(id)) {
            return true;
        }
        if (!record(id).deleteIf(condition)) {
            return false;
        }
        legacyStatusBlob(id).deleteIfExists();
        return true;
    }

    /**
     * Applies {@code change} to the current item and saves it If-Match, reading again on a conflict.
     *
     * @return the saved item, or empty when there is no item
     */
    public Optional<ProtectedItem> change(String id, UnaryOperator<ProtectedItem> change) {
        return isId(id) ? record(id).change(change) : Optional.empty();
    }

    /** Deletes the item; idempotent. */
    public void delete(String id) {
        blob(id).deleteIfExists();
    }

    /** One page of items, ordered by id; {@code continuation} from the previous page or null. */
    public Page list(int size, String continuation) {
        var page = container().listBlobs(new ListBlobsOptions().setPrefix(PREFIX).setMaxResultsPerPage(size),
                continuation, (Duration) null).iterableByPage(continuation, size).iterator();
        if (!page.hasNext()) {
            return new Page(List.of(), null);
        }
        var response = page.next();
        List<ProtectedItem> items = response.getValue().stream().map(BlobItem::getName)
                .map(n -> n.substring(PREFIX.length(), n.length() - ".json".length()))
                .map(this::get).flatMap(Optional::stream).toList();
        return new Page(items, response.getContinuationToken());
    }

    /** A page of items and the token for the next page (null on the last). */
    public record Page(List<ProtectedItem> items, String continuation) {
    }

    /** Ids this store makes ({@link #idOf}); anything else names no blob (never a path). */
    private static boolean isId(String id) {
        return id.matches("[0-9a-f]{32}");
    }

    private VersionedBlob<ProtectedItem> record(String id) {
        return new VersionedBlob<>(blob(id), "protected item " + id, json -> parse(id, json));
    }

    private ProtectedItem parse(String id, byte[] json) {
        ProtectedItem item = JobJson.read(json, ProtectedItem.class);
        return item.lifecycle() == null ? item.withLifecycle(LegacyLifecycle.of(json, legacyStatus(id))) : item;
    }

    /** The failover status blob that items written before the lifecycle kernel kept beside them. */
    private Optional<com.fasterxml.jackson.databind.JsonNode> legacyStatus(String id) {
        try {
            return Optional.of(JobJson.MAPPER.readTree(legacyStatusBlob(id).downloadContent().toBytes()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BlobClient legacyStatusBlob(String id) {
        return container().getBlobClient("failover-status/" + id + ".json");
    }

    private BlobContainerClient container() {
        return blobs.getBlobContainerClient(config.jobContainer());
    }

    private BlobClient blob(String id) {
        return container().getBlobClient(PREFIX + id + ".json");
    }
}

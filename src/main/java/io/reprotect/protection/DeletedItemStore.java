package io.reprotect.protection;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import io.reprotect.job.VersionedBlob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Deleted items as JSON blobs {@code deleted-items/{id}.json} in the job container: created If-None-Match,
 * changed If-Match (read, change, write; again on a conflict: {@link VersionedBlob}), never deleted (a purged record
 * is the trail).
 */
@ApplicationScoped
public class DeletedItemStore {

    private static final String PREFIX = "deleted-items/";

    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public DeletedItemStore(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    /** Writes a new record only if none has its id. @return false when one exists (left as it is) */
    public boolean create(DeletedItem record) {
        return record(record.id()).create(record);
    }

    public Optional<DeletedItem> get(String id) {
        return isId(id) ? record(id).read().map(Versioned::value) : Optional.empty();
    }

    /**
     * Applies {@code change} to the record as stored now and writes it If-Match; a conflict reads again. The change
     * may throw to refuse: nothing is written then.
     *
     * @return the record written, or empty when there is none
     */
    public Optional<DeletedItem> change(String id, UnaryOperator<DeletedItem> change) {
        return isId(id) ? record(id).change(change) : Optional.empty();
    }

    /** Every record, oldest deletion first (one listing; few exist: one per disabled or committed protection). */
    public List<DeletedItem> list() {
        List<DeletedItem> all = new ArrayList<>();
        try {
            for (BlobItem item : blobs.getBlobContainerClient(config.jobContainer())
                    .listBlobs(new ListBlobsOptions().setPrefix(PREFIX), null)) {
                String id = item.getName().substring(PREFIX.length(), item.getName().length() - ".json".length());
                get(id).ifPresent(all::add);
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) { // no job container yet: nothing was deleted
                throw e;
            }
        }
        all.sort(java.util.Comparator.comparing(DeletedItem::deletedAt));
        return all;
    }

    /** Not an id this store makes: no blob name is built from it. */
    private static boolean isId(String id) {
        return id.matches("[0-9a-f]{32}");
    }

    private VersionedBlob<DeletedItem> record(String id) {
        return VersionedBlob.of(blob(id), "deleted item " + id, DeletedItem.class);
    }

    private BlobClient blob(String id) {
        return blobs.getBlobContainerClient(config.jobContainer()).getBlobClient(PREFIX + id + ".json");
    }
}

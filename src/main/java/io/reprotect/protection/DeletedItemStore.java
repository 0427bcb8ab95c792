package io.reprotect.protection;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Deleted items as JSON blobs {@code deleted-items/{id}.json} in the job container: created If-None-Match,
 * changed If-Match (read, change, write; again on a conflict), never deleted (a purged record is the trail).
 */
@ApplicationScoped
public class DeletedItemStore {

    private static final String PREFIX = "deleted-items/";
    private static final int MAX_CONFLICTS = 8;

    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public DeletedItemStore(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    /** Writes a new record only if none has its id. @return false when one exists (left as it is) */
    public boolean create(DeletedItem record) {
        try {
            blob(record.id()).getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(
                    BinaryData.fromBytes(JobJson.write(record)))
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
                return false;
            }
            throw e;
        }
    }

    public Optional<DeletedItem> get(String id) {
        return read(id).map(Versioned::value);
    }

    /**
     * Applies {@code change} to the record as stored now and writes it If-Match; a conflict reads again. The change
     * may throw to refuse: nothing is written then.
     *
     * @return the record written, or empty when there is none
     */
    public Optional<DeletedItem> change(String id, UnaryOperator<DeletedItem> change) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            Optional<Versioned<DeletedItem>> current = read(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            DeletedItem changed = change.apply(current.get().value());
            if (changed.equals(current.get().value())) {
                return Optional.of(changed);
            }
            try {
                blob(id).getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(
                        BinaryData.fromBytes(JobJson.write(changed))).setRequestConditions(
                        new BlobRequestConditions().setIfMatch(current.get().etag())), null, Context.NONE);
                return Optional.of(changed);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 412) {
                    throw e;
                }
            }
        }
        throw new ConcurrentUpdateException("deleted item " + id);
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

    private Optional<Versioned<DeletedItem>> read(String id) {
        if (!id.matches("[0-9a-f]{32}")) {
            return Optional.empty(); // not an id this store makes: no blob name is built from it
        }
        try {
            var response = blob(id).downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Versioned<>(JobJson.MAPPER.readValue(response.getValue().toBytes(),
                    DeletedItem.class), response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobClient blob(String id) {
        return blobs.getBlobContainerClient(config.jobContainer()).getBlobClient(PREFIX + id + ".json");
    }
}

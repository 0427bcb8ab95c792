package io.reprotect.failover;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.UnaryOperator;

/**
 * {@link FailoverStatus} per protected item, as a JSON blob {@code failover-status/{itemId}.json} in the
 * job container; every change is read-change-write with If-Match (If-None-Match for the first), again
 * on a conflict, so two callers never both start a failover.
 */
@ApplicationScoped
public class FailoverStatusStore {

    private static final int MAX_CONFLICTS = 8;
    private final BlobServiceClient blobs;
    private final StorageConfig config;

    public FailoverStatusStore(BlobServiceClient blobs, StorageConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    public FailoverStatus get(String itemId) {
        try {
            return JobJson.read(blob(itemId).downloadContent().toBytes(), FailoverStatus.class);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return FailoverStatus.initial(itemId);
            }
            throw e;
        }
    }

    /**
     * Applies {@code change} to the current status and saves it. {@code change} may throw to refuse
     * (for example a call not allowed in the state); nothing is written then.
     */
    public FailoverStatus change(String itemId, UnaryOperator<FailoverStatus> change) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            BlobRequestConditions condition;
            FailoverStatus current;
            try {
                var response = blob(itemId).downloadContentWithResponse(null, null, null, Context.NONE);
                current = JobJson.read(response.getValue().toBytes(), FailoverStatus.class);
                condition = new BlobRequestConditions().setIfMatch(response.getDeserializedHeaders().getETag());
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
                current = FailoverStatus.initial(itemId);
                condition = new BlobRequestConditions().setIfNoneMatch("*");
            }
            FailoverStatus changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            try {
                blob(itemId).getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(
                        BinaryData.fromBytes(JobJson.write(changed))).setRequestConditions(condition), null, Context.NONE);
                return changed;
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 412 && e.getStatusCode() != 409) {
                    throw e;
                }
            }
        }
        throw new ConcurrentUpdateException("failover status of " + itemId);
    }

    /** Forgets the item's status (its protection was disabled). Idempotent. */
    public void delete(String itemId) {
        blob(itemId).deleteIfExists();
    }

    private BlobClient blob(String itemId) {
        return blobs.getBlobContainerClient(config.jobContainer()).getBlobClient("failover-status/" + itemId + ".json");
    }
}

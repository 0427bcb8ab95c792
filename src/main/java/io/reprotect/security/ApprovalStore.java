package io.reprotect.security;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.JobJson;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approvals as JSON records under {@value #PREFIX} in the job store's container, beside the jobs: created with
 * If-None-Match *, changed with If-Match, so two approvers racing on one approval cannot both use it.
 */
@ApplicationScoped
public class ApprovalStore {

    static final String PREFIX = "approvals/";
    /** Most approval records one listing reads (pending approvals are few: each waits at most the time limit). */
    static final int MAX_LISTED = 500;

    private final BlobContainerClient container;

    @jakarta.inject.Inject
    public ApprovalStore(BlobServiceClient blobs, StorageConfig config) {
        this(blobs.getBlobContainerClient(config.jobContainer()));
    }

    ApprovalStore(BlobContainerClient container) {
        this.container = container;
    }

    void create(Approval approval) {
        container.createIfNotExists();
        upload(blob(approval.id()), approval, new BlobRequestConditions().setIfNoneMatch("*"));
    }

    public Optional<Versioned<Approval>> get(String id) {
        try {
            var content = blob(id).downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Versioned<>(JobJson.read(content.getValue().toBytes(), Approval.class),
                    content.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @throws ConcurrentUpdateException the record changed since it was read with {@code etag} */
    void replace(Approval approval, String etag) {
        try {
            upload(blob(approval.id()), approval, new BlobRequestConditions().setIfMatch(etag));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                throw new ConcurrentUpdateException(approval.id());
            }
            throw e;
        }
    }

    /** Every stored approval, up to {@link #MAX_LISTED}. */
    List<Approval> list() {
        List<Approval> all = new ArrayList<>();
        try {
            for (var item : container.listBlobs(new ListBlobsOptions().setPrefix(PREFIX), null)) {
                if (all.size() >= MAX_LISTED) {
                    break;
                }
                get(item.getName().substring(PREFIX.length(), item.getName().length() - ".json".length()))
                        .ifPresent(v -> all.add(v.value()));
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return all;
    }

    private BlobClient blob(String id) {
        return container.getBlobClient(PREFIX + id + ".json");
    }

    private static void upload(BlobClient blob, Approval approval, BlobRequestConditions conditions) {
        blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(JobJson.write(approval)))
                .setRequestConditions(conditions), null, Context.NONE);
    }
}

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
 * If-None-Match *, changed with If-Match, so two approvers racing on one approval cannot both use it. Each record
 * carries its state and expiry as blob metadata, so listing the pending ones reads no used or expired record.
 */
@ApplicationScoped
public class ApprovalStore {

    static final String PREFIX = "approvals/";
    /** Most approval records one listing reads (pending approvals are few: each waits at most the time limit). */
    static final int MAX_LISTED = 500;
    static final String STATE_METADATA = "state";
    static final String EXPIRES_METADATA = "expiresat";

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

    /** The approvals still pending at {@code now} by their metadata, up to {@link #MAX_LISTED}. */
    List<Approval> listPending(java.time.Instant now) {
        List<Approval> all = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(PREFIX)
                .setDetails(new com.azure.storage.blob.models.BlobListDetails().setRetrieveMetadata(true));
        try {
            for (var item : container.listBlobs(options, null)) {
                if (all.size() >= MAX_LISTED) {
                    break;
                }
                if (mayBePending(item.getMetadata(), now)) {
                    get(item.getName().substring(PREFIX.length(), item.getName().length() - ".json".length()))
                            .ifPresent(v -> all.add(v.value()));
                }
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return all;
    }

    private static boolean mayBePending(java.util.Map<String, String> metadata, java.time.Instant now) {
        if (metadata == null || !metadata.containsKey(STATE_METADATA)) {
            return true; // read it to know
        }
        return Approval.ApprovalState.Pending.name().equals(metadata.get(STATE_METADATA))
                && !now.isAfter(java.time.Instant.ofEpochMilli(Long.parseLong(metadata.getOrDefault(EXPIRES_METADATA,
                        String.valueOf(Long.MAX_VALUE)))));
    }

    private BlobClient blob(String id) {
        return container.getBlobClient(PREFIX + id + ".json");
    }

    private static void upload(BlobClient blob, Approval approval, BlobRequestConditions conditions) {
        blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(JobJson.write(approval)))
                .setMetadata(java.util.Map.of(STATE_METADATA, approval.state().name(),
                        EXPIRES_METADATA, String.valueOf(approval.expiresAt().toEpochMilli())))
                .setRequestConditions(conditions), null, Context.NONE);
    }
}

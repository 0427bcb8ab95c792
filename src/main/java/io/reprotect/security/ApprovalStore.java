package io.reprotect.security;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import io.reprotect.job.VersionedBlob;
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

    /** @throws ConcurrentUpdateException an approval with its id exists (ids are random: never in practice) */
    void create(Approval approval) {
        container.createIfNotExists();
        if (!record(approval.id()).create(approval)) {
            throw new ConcurrentUpdateException(approval.id());
        }
    }

    public Optional<Versioned<Approval>> get(String id) {
        return record(id).read();
    }

    /** @throws ConcurrentUpdateException the record changed since it was read with {@code etag} */
    void replace(Approval approval, String etag) {
        record(approval.id()).replace(approval, etag);
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

    /** The approval's record, written with its state and expiry as metadata. */
    private VersionedBlob<Approval> record(String id) {
        return VersionedBlob.of(container.getBlobClient(PREFIX + id + ".json"), id, Approval.class)
                .withMetadata(approval -> java.util.Map.of(STATE_METADATA, approval.state().name(),
                        EXPIRES_METADATA, String.valueOf(approval.expiresAt().toEpochMilli())));
    }
}

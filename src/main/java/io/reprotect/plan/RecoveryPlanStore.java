package io.reprotect.plan;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.Versioned;
import io.reprotect.job.VersionedBlob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recovery plans as JSON records under {@value #PREFIX} in the job store's container, beside jobs and items. A
 * write names the version it replaces (If-Match on the ETag a caller read) or that none exists (If-None-Match *), so
 * two people editing one plan cannot overwrite each other unseen.
 */
@ApplicationScoped
public class RecoveryPlanStore {

    static final String PREFIX = "recovery-plans/";
    /** Most plans one listing returns (each holds up to 100 items; an installation has a few applications). */
    public static final int MAX_LISTED = 1000;
    private static final int NOT_FOUND = 404;
    private static final int CONDITION_NOT_MET = 412;

    private final BlobContainerClient container;

    @Inject
    public RecoveryPlanStore(BlobServiceClient blobs, StorageConfig config) {
        this(blobs.getBlobContainerClient(config.jobContainer()));
    }

    public RecoveryPlanStore(BlobContainerClient container) {
        this.container = container;
    }

    /** The plan and its ETag, or empty when there is none. */
    public Optional<Versioned<RecoveryPlan>> get(String name) {
        try {
            return record(name).read();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty(); // no container yet
            }
            throw e;
        }
    }

    /**
     * Creates or replaces the plan.
     *
     * @param ifMatch the ETag the caller read (replace only that version), {@code *} (replace whatever exists, but
     *        create nothing), or null (create or replace)
     * @param ifNoneMatch {@code *}: create only
     * @return the plan as stored, with its new ETag
     * @throws PlanChangedException the condition did not hold; nothing was written
     */
    public Versioned<RecoveryPlan> put(RecoveryPlan plan, String ifMatch, String ifNoneMatch) {
        container.createIfNotExists();
        VersionedBlob<RecoveryPlan> blob = record(plan.name());
        if ("*".equals(ifNoneMatch)) {
            if (!blob.create(plan)) {
                throw new PlanChangedException(plan.name());
            }
            return blob.read().orElseThrow();
        }
        if (ifMatch != null && !"*".equals(ifMatch)) {
            try {
                return blob.replace(plan, ifMatch);
            } catch (ConcurrentUpdateException e) {
                throw new PlanChangedException(plan.name());
            }
        }
        if ("*".equals(ifMatch)) {
            Versioned<RecoveryPlan> current = blob.read()
                    .orElseThrow(() -> new PlanChangedException(plan.name()));
            return put(plan, current.etag(), null);
        }
        blob.update(current -> Optional.of(plan));
        return blob.read().orElseThrow();
    }

    /**
     * Deletes the plan (never a job it started: those keep the plan as it was when they started).
     *
     * @param ifMatch the ETag the caller read, or null for whatever version exists
     * @return false when there was no plan
     * @throws PlanChangedException the plan changed since the caller read it; nothing was deleted
     */
    public boolean delete(String name, String ifMatch) {
        try {
            container.getBlobClient(blobName(name)).deleteWithResponse(null,
                    new BlobRequestConditions().setIfMatch(ifMatch), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return false;
            }
            if (e.getStatusCode() == CONDITION_NOT_MET) {
                throw new PlanChangedException(name);
            }
            throw e;
        }
    }

    /** Every plan, by name, up to {@link #MAX_LISTED}. */
    public List<Versioned<RecoveryPlan>> list() {
        List<Versioned<RecoveryPlan>> plans = new ArrayList<>();
        try {
            for (var item : container.listBlobs(new ListBlobsOptions().setPrefix(PREFIX), null)) {
                if (plans.size() >= MAX_LISTED) {
                    break;
                }
                String name = item.getName().substring(PREFIX.length(), item.getName().length() - ".json".length());
                get(name).ifPresent(plans::add);
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != NOT_FOUND) {
                throw e;
            }
        }
        return plans;
    }

    private VersionedBlob<RecoveryPlan> record(String name) {
        return VersionedBlob.of(container.getBlobClient(blobName(name)), "recovery plan " + name, RecoveryPlan.class);
    }

    private static String blobName(String name) {
        return PREFIX + name + ".json";
    }
}

package io.reprotect.job;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Job records as JSON blobs, with ETag optimistic concurrency.
 *
 * <p>Layout in the container: {@code jobs/{jobId}.json} holds a job; {@code vms/{sha256(vmId)}.json}
 * is the VM's claim, naming the job that holds the VM. A claim is created with If-None-Match: *
 * and taken over with If-Match only when the job it names has ended (or hands it over to the
 * successor it creates), so two submissions for one
 * VM cannot both win, whatever their timing. When a job ends its claim is deleted (If-Match), so
 * the claims list the jobs that may still be active; each claim also names its job in metadata, so
 * that one listing finds them all.
 *
 * <p>The container is created when the store starts and again whenever a write finds it missing
 * (storage that restarted empty), then the write is tried once more.
 *
 * <p>{@code index/...} lists the jobs newest first ({@link JobIndex}, read by {@link JobHistory}).
 */
public class BlobJobStore implements JobStore {

    /** How often a claim is re-read and retried when it changes under us. */
    private static final int MAX_CLAIM_ATTEMPTS = 10;
    private static final String CLAIMS = "vms/";
    /** Claim blob metadata naming the job that holds the VM. */
    private static final String JOB_ID_METADATA = "jobid";
    private static final Logger LOG = Logger.getLogger(BlobJobStore.class);

    private final BlobContainerClient container;
    private final JobIndex history;

    public BlobJobStore(BlobContainerClient container) {
        this.container = container;
        this.history = new JobIndex(container);
    }

    @Override
    public Versioned<Job> create(Job job) {
        return available(() -> createJob(job, null));
    }

    @Override
    public Versioned<Job> createEnded(Job job) {
        if (!job.state().ended()) {
            throw new IllegalArgumentException("job " + job.id() + " has not ended: " + job.state());
        }
        return available(() -> {
            MissingContainer.createAndRetryOnce(container, () -> {
                history.record(job);
                return null;
            });
            try {
                return new Versioned<>(job, upload(jobBlob(job.id()), JobJson.write(job),
                        new BlobRequestConditions().setIfNoneMatch("*")));
            } catch (BlobStorageException e) {
                if (e.getErrorCode() == BlobErrorCode.BLOB_ALREADY_EXISTS || e.getStatusCode() == 409) {
                    throw new JobAlreadyExistsException(job.id());
                }
                throw e;
            }
        });
    }

    @Override
    public Versioned<Job> createSuccessor(Job job, String predecessorJobId) {
        return available(() -> createJob(job, predecessorJobId));
    }

    private Versioned<Job> createJob(Job job, String predecessorJobId) {
        BlobClient jobBlob = jobBlob(job.id());
        // first: a job that exists is always in the history (and the container exists again after a restart)
        MissingContainer.createAndRetryOnce(container, () -> {
            history.record(job);
            return null;
        });
        String etag;
        try {
            etag = upload(jobBlob, JobJson.write(job), new BlobRequestConditions().setIfNoneMatch("*"));
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_ALREADY_EXISTS || e.getStatusCode() == 409) {
                throw new JobAlreadyExistsException(job.id());
            }
            throw e;
        }
        try {
            claimVm(job, predecessorJobId);
        } catch (VmBusyException e) {
            jobBlob.deleteIfExists();
            throw e;
        }
        return new Versioned<>(job, etag);
    }

    @Override
    public Optional<Versioned<Job>> get(String jobId) {
        return available(() -> read(jobBlob(jobId)).map(v -> new Versioned<>(JobJson.read(v.value(), Job.class), v.etag())));
    }

    @Override
    public Versioned<Job> update(Job job, String etag) {
        return available(() -> updateJob(job, etag));
    }

    private Versioned<Job> updateJob(Job job, String etag) {
        try {
            String newEtag = upload(jobBlob(job.id()), JobJson.write(job),
                    new BlobRequestConditions().setIfMatch(etag));
            if (job.state().ended()) {
                releaseQuietly(job);
            }
            return new Versioned<>(job, newEtag);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
                throw new ConcurrentUpdateException(job.id());
            }
            throw e;
        }
    }

    @Override
    public void reclaimVm(Job job) {
        available(() -> {
            claimVm(job, null);
            return null;
        });
    }

    @Override
    public List<String> claimingJobIds() {
        return available(this::listClaims);
    }

    private List<String> listClaims() {
        List<String> ids = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(CLAIMS)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        try {
            for (BlobItem item : container.listBlobs(options, null)) {
                Map<String, String> metadata = item.getMetadata();
                String jobId = metadata == null ? null : metadata.get(JOB_ID_METADATA);
                if (jobId == null) { // a claim written before claims carried metadata
                    jobId = read(container.getBlobClient(item.getName()))
                            .map(v -> JobJson.read(v.value(), VmClaim.class).jobId()).orElse(null);
                }
                if (jobId != null) {
                    ids.add(jobId);
                }
            }
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
        }
        return ids;
    }

    @Override
    public void releaseVm(Job job) {
        available(() -> {
            release(job);
            return null;
        });
    }

    private void release(Job job) {
        BlobClient claimBlob = claimBlob(job.vmId());
        Optional<Versioned<byte[]>> current = read(claimBlob);
        if (current.isEmpty() || !JobJson.read(current.get().value(), VmClaim.class).jobId().equals(job.id())) {
            return;
        }
        try {
            claimBlob.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(current.get().etag()), null,
                    Context.NONE);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404 && e.getStatusCode() != 412) {
                throw e;
            }
            // gone already, or another job took the VM meanwhile: either way not ours to free
        }
    }

    /** Frees the VM of an ended job; a failure leaves the claim to the watchdog, which frees it later. */
    private void releaseQuietly(Job job) {
        try {
            release(job);
        } catch (RuntimeException e) {
            LOG.debugf("job %s ended; its VM claim is left for the watchdog to free: %s", job.id(), e.getMessage());
        }
    }

    /** Runs a store operation; an outage (network, timeout, 5xx) becomes {@link StoreUnavailableException}. */
    private static <T> T available(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (e instanceof StoreUnavailableException || !StoreUnavailableException.isOutage(e)) {
                throw e;
            }
            throw new StoreUnavailableException(e);
        }
    }

    private void claimVm(Job job, String predecessorJobId) {
        BlobClient claimBlob = claimBlob(job.vmId());
        byte[] claim = JobJson.write(new VmClaim(job.vmId(), job.id()));
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Optional<Versioned<byte[]>> current = read(claimBlob);
            try {
                if (current.isEmpty()) {
                    upload(claimBlob, claim, Map.of(JOB_ID_METADATA, job.id()),
                            new BlobRequestConditions().setIfNoneMatch("*"));
                    return;
                }
                String holder = JobJson.read(current.get().value(), VmClaim.class).jobId();
                if (!holder.equals(job.id()) && !holder.equals(predecessorJobId) && holdsVm(holder)) {
                    throw new VmBusyException(job.vmId(), holder);
                }
                upload(claimBlob, claim, Map.of(JOB_ID_METADATA, job.id()),
                        new BlobRequestConditions().setIfMatch(current.get().etag()));
                return;
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                    throw e;
                }
                // the claim changed between our read and our write: read it again
            }
        }
        throw new ConcurrentUpdateException(job.id());
    }

    @Override
    public Optional<String> vmHolder(String vmId) {
        try {
            return read(claimBlob(vmId)).map(c -> JobJson.read(c.value(), VmClaim.class).jobId()).filter(this::holdsVm);
        } catch (BlobStorageException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private boolean holdsVm(String jobId) {
        return get(jobId).map(v -> !v.value().state().ended()).orElse(false);
    }

    private String upload(BlobClient blob, byte[] content, BlobRequestConditions conditions) {
        return upload(blob, content, null, conditions);
    }

    private String upload(BlobClient blob, byte[] content, Map<String, String> metadata,
            BlobRequestConditions conditions) {
        BlockBlobSimpleUploadOptions options = new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content))
                .setMetadata(metadata).setRequestConditions(conditions);
        return MissingContainer.createAndRetryOnce(container, () -> blob.getBlockBlobClient()
                .uploadWithResponse(options, null, Context.NONE).getValue().getETag());
    }

    private static Optional<Versioned<byte[]>> read(BlobClient blob) {
        try {
            BlobDownloadContentResponse response = blob.downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Versioned<>(response.getValue().toBytes(),
                    response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private BlobClient jobBlob(String jobId) {
        return container.getBlobClient("jobs/" + jobId + ".json");
    }

    private BlobClient claimBlob(String vmId) {
        return container.getBlobClient(CLAIMS + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)) + ".json");
    }


    /** The content of a VM's claim blob. */
    record VmClaim(String vmId, String jobId) {
    }
}

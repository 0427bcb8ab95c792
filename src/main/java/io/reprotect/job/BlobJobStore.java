package io.reprotect.job;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.util.Locale;
import java.util.Optional;

/**
 * Job records as JSON blobs, with ETag optimistic concurrency.
 *
 * <p>Layout in the container: {@code jobs/{jobId}.json} holds a job; {@code vms/{sha256(vmId)}.json}
 * is the VM's claim, naming the job that holds the VM. A claim is created with If-None-Match: *
 * and taken over with If-Match only when the job it names has ended (or hands it over to its
 * successor), so two submissions for one
 * VM cannot both win, whatever their timing.
 */
public class BlobJobStore implements JobStore {

    /** How often a claim is re-read and retried when it changes under us. */
    private static final int MAX_CLAIM_ATTEMPTS = 10;

    private final BlobContainerClient container;

    public BlobJobStore(BlobContainerClient container) {
        this.container = container;
    }

    @Override
    public Versioned<Job> create(Job job) {
        return create(job, null);
    }

    @Override
    public Versioned<Job> createSuccessor(Job job, String predecessorJobId) {
        return create(job, predecessorJobId);
    }

    private Versioned<Job> create(Job job, String predecessorJobId) {
        BlobClient jobBlob = jobBlob(job.id());
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
        return read(jobBlob(jobId)).map(v -> new Versioned<>(JobJson.read(v.value(), Job.class), v.etag()));
    }

    @Override
    public Versioned<Job> update(Job job, String etag) {
        try {
            String newEtag = upload(jobBlob(job.id()), JobJson.write(job),
                    new BlobRequestConditions().setIfMatch(etag));
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
        claimVm(job, null);
    }

    private void claimVm(Job job, String predecessorJobId) {
        BlobClient claimBlob = claimBlob(job.vmId());
        byte[] claim = JobJson.write(new VmClaim(job.vmId(), job.id()));
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Optional<Versioned<byte[]>> current = read(claimBlob);
            try {
                if (current.isEmpty()) {
                    upload(claimBlob, claim, new BlobRequestConditions().setIfNoneMatch("*"));
                    return;
                }
                String holder = JobJson.read(current.get().value(), VmClaim.class).jobId();
                if (!holder.equals(job.id()) && !holder.equals(predecessorJobId) && holdsVm(holder)) {
                    throw new VmBusyException(job.vmId(), holder);
                }
                upload(claimBlob, claim, new BlobRequestConditions().setIfMatch(current.get().etag()));
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

    private boolean holdsVm(String jobId) {
        return get(jobId).map(v -> !v.value().state().ended()).orElse(false);
    }

    private static String upload(BlobClient blob, byte[] content, BlobRequestConditions conditions) {
        return blob.getBlockBlobClient()
                .uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content))
                        .setRequestConditions(conditions), null, Context.NONE)
                .getValue().getETag();
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
        return container.getBlobClient("vms/" + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)) + ".json");
    }


    /** The content of a VM's claim blob. */
    record VmClaim(String vmId, String jobId) {
    }
}

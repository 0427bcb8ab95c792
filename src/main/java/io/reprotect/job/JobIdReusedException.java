package io.reprotect.job;

/**
 * A job id derived from a caller's key (an Idempotency-Key, a queue message id) already belongs to a job
 * created by a different request. Retrying cannot succeed: the caller must use a new key.
 */
public class JobIdReusedException extends RuntimeException {

    private final String jobId;

    public JobIdReusedException(String jobId, String vmId) {
        super("the key was first used for a different request (job " + jobId + ", VM " + vmId + ")");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}

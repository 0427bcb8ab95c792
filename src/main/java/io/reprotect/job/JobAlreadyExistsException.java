package io.reprotect.job;

/** A job with the same id was stored before: the submission is a duplicate. */
public class JobAlreadyExistsException extends RuntimeException {

    private final String jobId;

    public JobAlreadyExistsException(String jobId) {
        super("job " + jobId + " already exists");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}

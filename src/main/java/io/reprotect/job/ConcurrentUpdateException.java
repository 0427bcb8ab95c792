package io.reprotect.job;

/** The job changed since it was read (ETag mismatch); read it again and decide again. */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String jobId) {
        super("job " + jobId + " was changed concurrently");
    }
}

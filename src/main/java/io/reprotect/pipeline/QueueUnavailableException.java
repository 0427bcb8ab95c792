package io.reprotect.pipeline;

/** A job was stored but its first message could not be queued; the job is Failed and can be resumed. */
public class QueueUnavailableException extends RuntimeException {

    private final String jobId;

    public QueueUnavailableException(String jobId, Throwable cause) {
        super("job " + jobId + " could not be queued: " + cause.getMessage(), cause);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}

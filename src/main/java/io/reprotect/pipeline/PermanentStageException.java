package io.reprotect.pipeline;

import io.reprotect.job.JobError;

/** A failure that retrying cannot heal; the job fails with an error a person can act on. */
public final class PermanentStageException extends StageException {

    private final JobError error;

    public PermanentStageException(JobError error) {
        this(error, null);
    }

    public PermanentStageException(JobError error, Throwable cause) {
        super(error.code() + ": " + error.message(), cause);
        this.error = error;
    }

    public JobError error() {
        return error;
    }
}

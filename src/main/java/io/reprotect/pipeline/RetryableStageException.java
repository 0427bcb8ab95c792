package io.reprotect.pipeline;

import java.time.Duration;

/** A transient failure: throttling, a 5xx, a timeout, a lost race. The stage runs again later. */
public final class RetryableStageException extends StageException {

    private final Duration retryAfter;

    /**
     * @param reason what failed, for the job record and logs
     * @param retryAfter how long the service asked us to wait, or null to back off by the policy
     */
    public RetryableStageException(String reason, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

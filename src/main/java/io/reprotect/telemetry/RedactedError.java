package io.reprotect.telemetry;

import io.reprotect.job.Redaction;

/**
 * What a stage threw, as a span may record it: the original type and stack, the message redacted (an SDK
 * error can quote a SAS URL), no cause chain (its messages are not redacted).
 */
public final class RedactedError extends RuntimeException {

    private final String originalType;

    private RedactedError(Throwable original) {
        super(Redaction.redact(String.valueOf(original.getMessage())), null, false, true);
        this.originalType = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    public static RedactedError of(Throwable original) {
        return original == null ? null : new RedactedError(original);
    }

    /** The class of what the stage threw. */
    public String originalType() {
        return originalType;
    }

    @Override
    public String toString() {
        return originalType + ": " + getMessage();
    }
}

package io.reprotect.telemetry;

/**
 * How a stage attempt ended, for its span and metrics.
 *
 * @param outcome completed, skipped, continued, retry, failed or abandoned
 * @param errorCode the job error's code (failed), the kind of transient failure (retry), or null
 * @param error what the stage threw, its message already redacted ({@link RedactedError}), or null
 */
public record StageResult(String outcome, String errorCode, RedactedError error) {

    public static final String COMPLETED = "completed";
    public static final String SKIPPED = "skipped";
    public static final String CONTINUED = "continued";
    public static final String RETRY = "retry";
    public static final String FAILED = "failed";
    /** The stage threw something no classifier knows: the message goes back to the queue. */
    public static final String ABANDONED = "abandoned";
}

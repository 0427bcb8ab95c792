package io.reprotect.pipeline;

import io.reprotect.job.JobJson;
import io.reprotect.job.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of a stage message: which job, which stage, which step of the job, and the trace it belongs to.
 *
 * @param jobId the job
 * @param stage the stage's name (the job knows its workflow)
 * @param sequence the job's message sequence number; (job, stage, sequence) is the message id
 * @param traceparent the W3C trace context of the span that sent it (the previous stage, or the
 *        submission), or null; the stage's span continues that trace
 */
public record StageMessage(String jobId, String stage, long sequence, String traceparent) {

    /** Application property that carries the W3C trace context, as the OpenTelemetry messaging conventions name it. */
    public static final String TRACEPARENT_PROPERTY = "traceparent";
    /** Application property Service Bus clients and the Functions host read the trace context from. */
    public static final String DIAGNOSTIC_ID_PROPERTY = "Diagnostic-Id";

    public StageMessage(String jobId, String stage, long sequence) {
        this(jobId, stage, sequence, null);
    }

    public static StageMessage of(String jobId, PendingMessage pending) {
        return new StageMessage(jobId, pending.stage(), pending.sequence());
    }

    public static StageMessage parse(String body) {
        StageMessage message = JobJson.read(body.getBytes(StandardCharsets.UTF_8), StageMessage.class);
        if (message.jobId() == null || message.stage() == null) {
            throw new IllegalArgumentException("a stage message needs jobId and stage");
        }
        return message;
    }

    public String messageId() {
        return jobId + ":" + stage + ":" + sequence;
    }

    /** The same message in the trace of {@code value} (a W3C traceparent, or null for none). */
    public StageMessage withTraceparent(String value) {
        return new StageMessage(jobId, stage, sequence, value);
    }

    /** The queue form: the trace context goes in the body and in the application properties. */
    public QueueMessage toQueueMessage(PendingMessage pending) {
        Map<String, String> properties = traceparent == null ? Map.of()
                : Map.of(TRACEPARENT_PROPERTY, traceparent, DIAGNOSTIC_ID_PROPERTY, traceparent);
        return new QueueMessage(Queues.STAGES, messageId(),
                new String(JobJson.write(this), StandardCharsets.UTF_8), pending.notBefore(), properties);
    }
}

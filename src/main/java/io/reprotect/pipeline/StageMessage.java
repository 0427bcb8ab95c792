package io.reprotect.pipeline;

import io.reprotect.job.JobJson;
import io.reprotect.job.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of a stage message: which job, which stage, which step of the job.
 *
 * @param jobId the job
 * @param stage the stage's name (the job knows its workflow)
 * @param sequence the job's message sequence number; (job, stage, sequence) is the message id
 */
public record StageMessage(String jobId, String stage, long sequence) {

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

    public QueueMessage toQueueMessage(PendingMessage pending) {
        return new QueueMessage(Queues.STAGES, messageId(),
                new String(JobJson.write(this), StandardCharsets.UTF_8), pending.notBefore(), Map.of());
    }
}

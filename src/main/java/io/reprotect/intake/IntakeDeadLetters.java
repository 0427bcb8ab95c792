package io.reprotect.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import io.reprotect.job.Redaction;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.Queues;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Reads the intake queue's dead letters: requests that failed {@code maxDeliveryCount} deliveries
 * (the intake function threw each time, for example while the job store was unreachable) or that
 * expired unread. Such a request is forwarded to {@link Queues#REJECTED} with the dead-letter
 * reason, where the sending system already looks for requests that did not become jobs.
 *
 * <p>Idempotent: if the request did become a job before it was dead-lettered (the function
 * created the job, then failed to complete the message), nothing is forwarded, because the job
 * runs; a second delivery of the same dead letter forwards a message with the same id, which the
 * rejected queue's duplicate detection drops.
 */
@ApplicationScoped
public class IntakeDeadLetters {

    private static final Logger LOG = Logger.getLogger(IntakeDeadLetters.class);

    private final RequestIntake intake;
    private final JobService jobs;

    public IntakeDeadLetters(RequestIntake intake, JobService jobs) {
        this.intake = intake;
        this.jobs = jobs;
    }

    /**
     * @param body the dead-lettered request
     * @param messageId its message id (null when unknown)
     * @param properties its application properties as JSON; Service Bus puts {@code DeadLetterReason}
     *        and {@code DeadLetterErrorDescription} there
     * @return true if it was forwarded to the rejected queue, false if its job exists
     */
    public boolean handle(String body, String messageId, String properties) {
        JsonNode props = readProperties(properties);
        String reason = props.path(RequestIntake.REASON).asText("DeadLettered");
        String description = Redaction.redact(props.path(RequestIntake.DESCRIPTION).asText(""));
        if (messageId != null && !messageId.isBlank()) {
            String jobId = RequestIntake.jobIdFor(messageId);
            if (jobs.get(jobId).isPresent()) {
                LOG.warnf("intake message %s dead-lettered (%s) after it became job %s; the job runs, nothing to forward",
                        messageId, reason, jobId);
                return false;
            }
        }
        String id = messageId == null || messageId.isBlank() ? java.util.UUID.randomUUID().toString() : messageId;
        intake.reject(body, id, reason, description.isEmpty()
                ? "The request was dead-lettered on " + Queues.INTAKE + " (" + reason + ") without becoming a job;"
                        + " send it again once the cause is fixed"
                : description);
        return true;
    }

    private static JsonNode readProperties(String properties) {
        if (properties == null || properties.isBlank()) {
            return JobJson.MAPPER.createObjectNode();
        }
        try {
            return JobJson.MAPPER.readTree(properties);
        } catch (IOException e) {
            return JobJson.MAPPER.createObjectNode();
        }
    }
}

package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import io.reprotect.job.Redaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.jboss.logging.Logger;

/** Marks the job of a dead-lettered stage message Failed, with the dead-letter reason. */
@ApplicationScoped
public class DeadLetterHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);

    private final JobService jobs;

    public DeadLetterHandler(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * @param body the dead-lettered message's body
     * @param properties its application properties as JSON (Service Bus puts DeadLetterReason and
     *        DeadLetterErrorDescription there)
     */
    public void handle(String body, String properties) {
        StageMessage message;
        try {
            message = StageMessage.parse(body);
        } catch (RuntimeException e) {
            LOG.errorf("dead-lettered message is not a stage message; left in the dead-letter queue: %s", e.getMessage());
            return;
        }
        JsonNode props = readProperties(properties);
        String reason = props.path("DeadLetterReason").asText("unknown reason");
        String description = Redaction.redact(props.path("DeadLetterErrorDescription").asText(""));
        LOG.warnf("job %s stage %s dead-lettered: %s %s", message.jobId(), message.stage(), reason, description);
        jobs.failDeadLettered(message, reason, description);
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

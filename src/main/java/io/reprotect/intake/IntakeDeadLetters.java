package io.reprotect.intake;

import io.reprotect.pipeline.DeadLetter;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.Queues;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Reads the intake queue's dead letters: requests that failed {@code maxDeliveryCount} deliveries
 * (the intake function threw each time, for example while the job store was unreachable) or that
 * expired unread. Such a request is forwarded to {@link Queues#REJECTED} with the dead-letter
 * reason, where the sending system already looks for requests that did not become jobs (and where
 * an alert watches for messages left unread). When this returns the host completes the dead letter.
 *
 * <p>Idempotent: if the request did become a job before it was dead-lettered (the function
 * created the job, then failed to complete the message), nothing is forwarded, because the job
 * runs; a second delivery of the same dead letter forwards a message with the same id, which the
 * rejected queue's duplicate detection drops. A failure to forward is thrown (the dead letter is
 * delivered again) up to {@link DeadLetter#MAX_HANDLING_ATTEMPTS} deliveries; on the last one the
 * request is logged at ERROR and let go, since a dead-letter queue would redeliver it forever.
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

    /** @return true if it was forwarded to the rejected queue, false if its job exists or forwarding gave up */
    public boolean handle(DeadLetter deadLetter) {
        try {
            return forward(deadLetter);
        } catch (RuntimeException e) {
            if (!deadLetter.lastAttempt()) {
                LOG.warnf("intake dead letter %s could not be forwarded on delivery %d (%s); it will be delivered "
                        + "again", deadLetter.messageId(), deadLetter.deliveryCount(), e.toString());
                throw e;
            }
            LOG.errorf(e, "intake dead letter %s: gave up forwarding it to %s after %d deliveries; it is removed "
                    + "from the dead-letter queue. Dead-letter reason: %s; request: %s", deadLetter.messageId(),
                    Queues.REJECTED, deadLetter.deliveryCount(), deadLetter.cause(), deadLetter.quotedBody());
            return false;
        }
    }

    private boolean forward(DeadLetter deadLetter) {
        String messageId = deadLetter.messageId();
        String reason = deadLetter.reason();
        if (messageId != null && !messageId.isBlank()) {
            String jobId = RequestIntake.jobIdFor(messageId);
            if (jobs.get(jobId).isPresent()) {
                LOG.warnf("intake message %s dead-lettered (%s) after it became job %s; the job runs, nothing to forward",
                        messageId, reason, jobId);
                return false;
            }
        }
        String id = messageId == null || messageId.isBlank() ? java.util.UUID.randomUUID().toString() : messageId;
        intake.reject(deadLetter.body(), id, reason, deadLetter.description().isEmpty()
                ? "The request was dead-lettered on " + Queues.INTAKE + " (" + reason + ") without becoming a job;"
                        + " send it again once the cause is fixed"
                : deadLetter.description());
        LOG.errorf("intake message %s dead-lettered (%s); forwarded to %s", id, deadLetter.cause(), Queues.REJECTED);
        return true;
    }
}

package io.reprotect.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Marks the job of a dead-lettered stage message Failed, with the dead-letter reason and the message itself
 * (the evidence: when this returns, the host completes the message and it is gone from the dead-letter queue).
 *
 * <p>Idempotent: a job already failed, moved past the message's stage or ended is left as it is; a second
 * delivery of the same dead letter changes nothing more. A failure to record (the job store unreachable) is
 * thrown, so the host abandons the message and Service Bus delivers it again, up to
 * {@link DeadLetter#MAX_HANDLING_ATTEMPTS} deliveries; on the last one the evidence is logged at ERROR and the
 * message let go, since a dead-letter queue would redeliver it forever.
 */
@ApplicationScoped
public class DeadLetterHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);

    private final JobService jobs;

    public DeadLetterHandler(JobService jobs) {
        this.jobs = jobs;
    }

    public void handle(DeadLetter deadLetter) {
        StageMessage message;
        try {
            message = StageMessage.parse(deadLetter.body());
        } catch (RuntimeException e) {
            LOG.errorf("dead letter %s on %s (%s) is not a stage message (%s); it is removed from the dead-letter "
                    + "queue, its body was: %s", deadLetter.messageId(), deadLetter.queue(), deadLetter.cause(),
                    e.getMessage(), deadLetter.quotedBody());
            return;
        }
        try {
            boolean failed = jobs.failDeadLettered(message, deadLetter);
            if (failed) {
                LOG.errorf("job %s stage %s: its message was dead-lettered (%s); the job is Failed and keeps the "
                        + "message", message.jobId(), message.stage(), deadLetter.cause());
            } else {
                LOG.warnf("job %s stage %s: a stale message was dead-lettered (%s); the job had moved on, left as it "
                        + "is; the message was: %s", message.jobId(), message.stage(), deadLetter.cause(),
                        deadLetter.quotedBody());
            }
        } catch (RuntimeException e) {
            if (!deadLetter.lastAttempt()) {
                LOG.warnf("job %s stage %s: could not record the dead letter on delivery %d (%s); it will be "
                        + "delivered again", message.jobId(), message.stage(), deadLetter.deliveryCount(), e.toString());
                throw e;
            }
            LOG.errorf(e, "job %s stage %s: gave up recording the dead letter after %d deliveries; it is removed "
                    + "from the dead-letter queue and the job is not marked Failed (the watchdog sends its stage again "
                    + "once it is overdue). Dead-letter reason: %s; message: %s", message.jobId(), message.stage(),
                    deadLetter.deliveryCount(), deadLetter.cause(), deadLetter.quotedBody());
        }
    }
}

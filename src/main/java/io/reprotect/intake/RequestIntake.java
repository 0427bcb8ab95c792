package io.reprotect.intake;

import io.reprotect.job.DerivedIds;
import io.reprotect.job.JobIdReusedException;
import io.reprotect.job.RequestedBy;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageQueue;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.reprotect.ReprotectService;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.request.Printable;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import io.reprotect.request.ServedSubscriptions;
import io.reprotect.security.Caller;
import io.reprotect.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts reprotect requests from the intake queue, with the same validation as HTTP.
 *
 * <p>The job id is derived from the Service Bus message id, so a redelivered or duplicated
 * message finds the job it created the first time. A message that cannot become a job (invalid,
 * or its VM busy with another job) is never dropped: it is forwarded to {@link Queues#REJECTED}
 * with {@code DeadLetterReason} and {@code DeadLetterErrorDescription} properties. (Functions'
 * Java worker cannot dead-letter a triggering message itself.)
 *
 * <p>A message without a message id (the portal's Test/Run of the intake function calls it
 * directly, skipping Service Bus) gets a fresh id: nothing deduplicates it at the message level,
 * so each run is a new submission. What still stops a second job is the one-job-per-VM rule: a
 * second run for the same VM while the first job has not ended is rejected as {@code VmBusy}.
 */
@ApplicationScoped
public class RequestIntake {

    /** Service Bus limits an application property value used for a reason to 1 KiB in practice. */
    static final int MAX_REASON_CHARS = 1024;
    static final String REASON = "DeadLetterReason";
    static final String DESCRIPTION = "DeadLetterErrorDescription";

    private static final Logger LOG = Logger.getLogger(RequestIntake.class);

    private final RequestParser parser;
    private final ReprotectService jobs;
    private final StageQueue queue;
    private final ServedSubscriptions subscriptions;

    public RequestIntake(RequestParser parser, ReprotectService jobs, StageQueue queue, ServedSubscriptions subscriptions) {
        this.parser = parser;
        this.jobs = jobs;
        this.queue = queue;
        this.subscriptions = subscriptions;
    }

    /** @return the id of the job the message created or had created, or null if it was rejected */
    public String accept(String body, String messageId) {
        String id = messageId;
        if (messageId == null || messageId.isBlank()) {
            id = UUID.randomUUID().toString();
            LOG.warnf("intake message without a MessageId (portal Test/Run, or a sender that sets none): named %s;"
                    + " it is not deduplicated, only the one-job-per-VM rule stops a second job", id);
        }
        ReprotectRequest request;
        try {
            request = parser.parse(body);
            subscriptions.check(request);
        } catch (InvalidRequestException e) {
            reject(body, id, "ValidationFailed", e.getMessage());
            return null;
        }
        try {
            String named = id;
            return CurrentCaller.during(sender(named), () -> jobs.submit(jobIdFor(named), request)).id();
        } catch (VmBusyException e) {
            reject(body, id, "VmBusy", e.getMessage());
            return null;
        } catch (JobIdReusedException e) {
            reject(body, id, "MessageIdReused", "message id " + Printable.value(id) + ": " + e.getMessage()
                    + "; send a new request with a new message id");
            return null;
        } catch (AlreadyProtectedException e) {
            reject(body, id, "AlreadyProtected", e.getMessage());
            return null;
        } catch (OperationNotAllowedException e) {
            reject(body, id, "OperationNotAllowed", e.getMessage());
            return null;
        } catch (InvalidRequestException e) {
            reject(body, id, "ValidationFailed", e.getMessage());
            return null;
        }
    }

    /**
     * Who sent an intake message, as far as Service Bus tells: the trigger exposes the message's id and its
     * application properties, never an authenticated sender (neither for SAS nor for Entra senders), so the job
     * records the queue and the message id. Application properties are the sender's own say and are not recorded.
     */
    static Caller sender(String messageId) {
        return new Caller(Optional.empty(), new RequestedBy(RequestedBy.RequesterKind.ServiceBus,
                Printable.value(messageId), Queues.INTAKE, null, null, null, null));
    }

    /** The job id a message with this id creates. */
    public static String jobIdFor(String messageId) {
        return DerivedIds.of("servicebus:" + messageId);
    }

    /** Forwards a request that did not become a job to {@link Queues#REJECTED}, with the reason as properties. */
    void reject(String body, String messageId, String reason, String description) {
        String shortDescription = description.length() > MAX_REASON_CHARS
                ? description.substring(0, MAX_REASON_CHARS - 3) + "..." : description;
        LOG.warnf("intake message %s rejected: %s: %s", Printable.value(messageId), reason,
                Printable.of(shortDescription, MAX_REASON_CHARS));
        queue.send(new QueueMessage(Queues.REJECTED, messageId, body == null ? "" : body, null,
                Map.of(REASON, reason, DESCRIPTION, shortDescription)));
    }
}

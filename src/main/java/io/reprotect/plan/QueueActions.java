package io.reprotect.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.job.DerivedIds;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.StageQueue;
import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Queue actions: puts the body, with {@code planJobId} and {@code actionId} added, on the named Service Bus queue
 * through the app's own Service Bus client ({@link StageQueue}), and is done once it is sent.
 *
 * <p>Idempotent: the message id is derived from the plan job and the action, so Service Bus (with duplicate
 * detection on the queue) drops a second send; and a start that finds the action already sent sends nothing.
 * A send that fails throws, so the plan job's stage is retried as any stage whose queue is unavailable, and the
 * retry sends the same message id.
 */
@ApplicationScoped
public class QueueActions {

    private static final Logger LOG = Logger.getLogger(QueueActions.class);

    private final ActionStore store;
    private final StageQueue queue;

    public QueueActions(ActionStore store, StageQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    /** The Service Bus message id of an action: the same for every send of it, different in another plan job. */
    static String messageId(String planJobId, String actionId) {
        return "plan-action-" + DerivedIds.of(planJobId + "\n" + actionId);
    }

    ActionRecord send(ActionRecord record, PlanAction action, Instant now) {
        if (record.status().ended()) {
            return record;
        }
        PlanAction.QueueSend send = action.queue();
        ObjectNode body = send.body() != null && send.body().isObject() ? send.body().deepCopy()
                : JobJson.MAPPER.createObjectNode();
        body.put("planJobId", record.planJobId()).put("actionId", record.actionId());
        queue.send(new QueueMessage(send.queue(), messageId(record.planJobId(), record.actionId()),
                new String(JobJson.write(body), java.nio.charset.StandardCharsets.UTF_8), null,
                Map.of("planJobId", record.planJobId(), "actionId", record.actionId())));
        LOG.infof("plan job %s action %s: message sent to queue %s", record.planJobId(),
                Printable.value(record.actionId()), Printable.value(send.queue()));
        String key = ActionStore.key(record.planJobId(), record.actionId());
        return store.change(key, r -> r.status().ended() ? r : r.waiting(null, now, null, null)
                .ended(ActionRun.Status.SUCCEEDED, ActionRecord.EndedBy.SENT, now,
                        "Message sent to queue " + send.queue()))
                .orElse(record);
    }
}

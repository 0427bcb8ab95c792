package io.reprotect.local.servicebus;

import io.vertx.proton.ProtonSender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

/**
 * The request/reply nodes of one connection: {@code $cbs} (claims-based authorization) and
 * {@code <entity>/$management}. A request names its reply-to address; the reply goes out on the
 * link the client attached with that target address, correlated by the request's message id.
 */
final class RequestReplyNodes {

    static final String CBS = "$cbs";
    static final String MANAGEMENT_SUFFIX = "$management";

    /** CBS answers put-token with 202 Accepted, as Service Bus does. */
    private static final int TOKEN_ACCEPTED = 202;
    private static final int OK = 200;

    private static final Logger LOG = Logger.getLogger(RequestReplyNodes.class.getName());

    private final Map<String, ProtonSender> replyLinks = new ConcurrentHashMap<>();
    private final List<String> requests;

    RequestReplyNodes(CopyOnWriteArrayList<String> requests) {
        this.requests = requests;
    }

    static boolean isRequestNode(String address) {
        return CBS.equals(address) || (address != null && address.endsWith(MANAGEMENT_SUFFIX));
    }

    /** A client's receiver link on a request node: where replies to it go. */
    void replyLink(String replyTo, ProtonSender sender) {
        replyLinks.put(replyTo, sender);
    }

    void request(String node, Message request) {
        Map<String, Object> properties = request.getApplicationProperties() == null
                ? Map.of() : request.getApplicationProperties().getValue();
        String operation = String.valueOf(properties.get("operation"));
        requests.add(node + " " + operation);
        int status = CBS.equals(node) ? TOKEN_ACCEPTED : OK;
        Message reply = Proton.message();
        reply.setCorrelationId(request.getMessageId());
        reply.setApplicationProperties(new ApplicationProperties(
                Map.of("status-code", status, "status-description", "stand-in")));
        if (!CBS.equals(node)) {
            reply.setBody(new AmqpValue(Map.of()));
        }
        ProtonSender sender = replyLinks.get(String.valueOf(request.getReplyTo()));
        if (sender == null) {
            LOG.warning(() -> "no reply link for " + request.getReplyTo() + " on " + node + "; known: " + replyLinks.keySet());
            return;
        }
        sender.send(reply);
    }
}

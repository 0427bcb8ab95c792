package io.reprotect.local.servicebus;

import io.vertx.core.Vertx;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonReceiver;
import io.vertx.proton.ProtonSender;
import io.vertx.proton.ProtonServer;
import io.vertx.proton.ProtonSession;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.message.Message;

/**
 * A local AMQP 1.0 endpoint that the real Service Bus SDK sends to, through a development
 * connection string ({@link #connectionString()}: plain TCP, {@code UseDevelopmentEmulator=true}).
 * It lets every client in (SASL ANONYMOUS or PLAIN), answers CBS put-token with 202, accepts sender
 * links to any queue name and records every message per queue, settled as Accepted.
 *
 * <p>Not modelled: delivery to receivers (it is a sink), scheduling (the scheduled enqueue time is
 * only recorded), duplicate detection, sessions, transactions, batch-format deliveries, token
 * validation, TLS, and management operations beyond a 200 with an empty map. Dev and test only.
 */
public final class AmqpQueueStandIn implements AutoCloseable {

    /** Largest message the stand-in accepts; Service Bus standard tier allows 256 KiB. */
    public static final long MAX_MESSAGE_BYTES = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(AmqpQueueStandIn.class.getName());
    private static final int START_TIMEOUT_SECONDS = 10;
    /** Clients close their connection asynchronously; close() gives them this long to finish. */
    private static final long CLIENT_CLOSE_GRACE_MILLIS = 2_000;
    private static final long POLL_MILLIS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final ProtonServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Map<String, List<ReceivedMessage>> received = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();

    private AmqpQueueStandIn() {
        server = ProtonServer.create(vertx)
                .saslAuthenticatorFactory(AnySasl::new)
                .connectHandler(this::accept);
    }

    /** Starts the stand-in on 127.0.0.1 and a free port. */
    public static AmqpQueueStandIn start() {
        AmqpQueueStandIn standIn = new AmqpQueueStandIn();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        standIn.server.listen(0, "127.0.0.1", result -> {
            if (result.succeeded()) {
                listening.complete(null);
            } else {
                listening.completeExceptionally(result.cause());
            }
        });
        try {
            listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            standIn.close();
            throw new IllegalStateException("the AMQP stand-in could not listen on 127.0.0.1", e);
        }
        return standIn;
    }

    public int port() {
        return server.actualPort();
    }

    /** A Service Bus connection string for this endpoint; key name and key are accepted unchecked. */
    public String connectionString() {
        return "Endpoint=sb://127.0.0.1:" + port()
                + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=stand-in-key;UseDevelopmentEmulator=true";
    }

    /** Messages received on a queue, in arrival order. */
    public List<ReceivedMessage> received(String queue) {
        return List.copyOf(received.getOrDefault(queue, List.of()));
    }

    /** How many AMQP connections clients have opened so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** Requests to {@code $cbs} and management nodes, as "node operation". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Waits briefly for clients to close their connections, then stops the server. */
    @Override
    public void close() {
        awaitClientsGone();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(result -> closed.complete(null));
        try {
            closed.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning(() -> "the AMQP stand-in did not close cleanly: " + e);
        }
    }

    private void awaitClientsGone() {
        long deadline = System.currentTimeMillis() + CLIENT_CLOSE_GRACE_MILLIS;
        while (openConnections.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void accept(ProtonConnection connection) {
        connections.incrementAndGet();
        openConnections.incrementAndGet();
        RequestReplyNodes nodes = new RequestReplyNodes(requests);
        connection.openHandler(opened -> connection.setContainer("amqp-stand-in").open());
        connection.closeHandler(closed -> connection.close());
        connection.disconnectHandler(gone -> {
            openConnections.decrementAndGet();
            gone.disconnect();
        });
        connection.sessionOpenHandler(this::openSession);
        connection.receiverOpenHandler(link -> openReceiver(link, nodes));
        connection.senderOpenHandler(link -> openSender(link, nodes));
    }

    private void openSession(ProtonSession session) {
        session.closeHandler(closed -> session.close());
        session.open();
    }

    /** A client's sender link: to a queue (record) or to a request node (answer). */
    private void openReceiver(ProtonReceiver link, RequestReplyNodes nodes) {
        String address = link.getRemoteTarget().getAddress();
        link.setTarget(link.getRemoteTarget());
        link.setQoS(link.getRemoteQoS());
        link.setMaxMessageSize(UnsignedLong.valueOf(MAX_MESSAGE_BYTES));
        link.closeHandler(closed -> link.close());
        link.detachHandler(detached -> link.detach());
        if (RequestReplyNodes.isRequestNode(address)) {
            link.handler((delivery, message) -> nodes.request(address, message));
        } else {
            link.handler((delivery, message) -> record(address, message));
        }
        link.open();
    }

    /** A client's receiver link: replies to its requests go out on it. */
    private void openSender(ProtonSender link, RequestReplyNodes nodes) {
        link.setSource(link.getRemoteSource());
        link.setQoS(link.getRemoteQoS());
        link.closeHandler(closed -> link.close());
        link.detachHandler(detached -> link.detach());
        if (link.getRemoteTarget() != null && link.getRemoteTarget().getAddress() != null) {
            nodes.replyLink(link.getRemoteTarget().getAddress(), link);
        }
        link.open();
    }

    private void record(String queue, Message message) {
        Map<String, Object> properties = message.getApplicationProperties() == null
                ? Map.of() : new HashMap<>(message.getApplicationProperties().getValue());
        Map<String, Object> annotations = new HashMap<>();
        if (message.getMessageAnnotations() != null) {
            message.getMessageAnnotations().getValue().forEach((key, value) -> annotations.put(key.toString(), value));
        }
        ReceivedMessage arrived = new ReceivedMessage(queue, String.valueOf(message.getMessageId()),
                message.getContentType(), bodyText(message.getBody()), properties, annotations);
        received.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>()).add(arrived);
    }

    private static String bodyText(Section body) {
        if (body instanceof Data data) {
            Binary binary = data.getValue();
            return new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8);
        }
        if (body instanceof AmqpValue value) {
            return String.valueOf(value.getValue());
        }
        return null;
    }
}

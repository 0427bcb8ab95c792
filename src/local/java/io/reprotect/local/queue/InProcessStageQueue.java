package io.reprotect.local.queue;

import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageQueue;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An in-process queue with the Service Bus semantics the app relies on: peek-lock with a lock
 * duration, abandon, delivery count, dead-letter past a max delivery count (with reason and
 * description), scheduled delivery, and duplicate detection by message id within a window.
 *
 * <p>Dev and test only. Its clock can be moved forward by tests to deliver scheduled messages.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class InProcessStageQueue implements StageQueue {

    /** Service Bus's default max delivery count. */
    public static final int MAX_DELIVERY_COUNT = 10;
    /** Service Bus's default duplicate detection window. */
    public static final Duration DUPLICATE_DETECTION_WINDOW = Duration.ofMinutes(10);
    public static final Duration LOCK_DURATION = Duration.ofMinutes(5);

    private final Map<String, List<Envelope>> queues = new LinkedHashMap<>();
    private final Map<String, Instant> seenIds = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration offset = Duration.ZERO;
    private int sent;

    /** A message on a queue, as a receiver sees it. */
    public static final class Envelope {
        private final QueueMessage message;
        private final Instant enqueuedAt;
        private final Map<String, String> properties = new HashMap<>();
        /** The queue it sits in now: its own, or that queue's dead-letter queue. */
        private String queue;
        private int deliveryCount;
        private Instant lockedUntil;
        private String lockToken;

        Envelope(QueueMessage message, Instant enqueuedAt) {
            this.message = message;
            this.enqueuedAt = enqueuedAt;
            this.queue = message.queue();
            this.properties.putAll(message.properties());
        }

        public QueueMessage message() {
            return message;
        }

        public int deliveryCount() {
            return deliveryCount;
        }

        public Map<String, String> properties() {
            return Map.copyOf(properties);
        }

        public String lockToken() {
            return lockToken;
        }

        Instant visibleAt() {
            return message.notBefore() == null ? enqueuedAt : message.notBefore();
        }
    }

    /**
     * Service Bus operations made so far, as its Standard tier bills them (each send, receive and settlement
     * is an operation; a scheduled send is a send; a send dropped by duplicate detection still counts).
     */
    public record Operations(long sends, long scheduledSends, long receives, long completes, long abandons) {
        public long total() {
            return sends + receives + completes + abandons;
        }
    }

    private long sendCalls;
    private long scheduledSendCalls;
    private long receives;
    private long completes;
    private long abandons;

    public synchronized Operations operations() {
        return new Operations(sendCalls, scheduledSendCalls, receives, completes, abandons);
    }

    @Override
    public synchronized void send(QueueMessage message) {
        sendCalls++;
        if (message.notBefore() != null) {
            scheduledSendCalls++;
        }
        Instant now = now();
        seenIds.values().removeIf(at -> at.plus(DUPLICATE_DETECTION_WINDOW).isBefore(now));
        String key = message.queue() + "|" + message.messageId();
        if (seenIds.putIfAbsent(key, now) != null) {
            return; // duplicate detection: same id within the window is dropped
        }
        sent++;
        queues.computeIfAbsent(message.queue(), q -> new ArrayList<>()).add(new Envelope(message, now));
    }

    /** Locks and returns the next deliverable message of {@code queue}, if any. */
    public synchronized Optional<Envelope> receive(String queue) {
        Instant now = now();
        for (Envelope e : queues.getOrDefault(queue, List.of())) {
            boolean locked = e.lockedUntil != null && e.lockedUntil.isAfter(now);
            if (!locked && !e.visibleAt().isAfter(now)) {
                e.deliveryCount++;
                e.lockedUntil = now.plus(LOCK_DURATION);
                e.lockToken = UUID.randomUUID().toString();
                receives++;
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public synchronized void complete(Envelope e) {
        requireLock(e);
        completes++;
        queues.get(e.queue).remove(e);
    }

    /**
     * Releases the lock; past the max delivery count the message is dead-lettered, except on a dead-letter
     * queue, from which Service Bus cannot dead-letter: there the message is delivered again, however often.
     */
    public synchronized void abandon(Envelope e, String error) {
        requireLock(e);
        abandons++;
        e.lockedUntil = null;
        if (e.deliveryCount >= MAX_DELIVERY_COUNT && !e.queue.endsWith(Queues.DEAD_LETTER_SUFFIX)) {
            deadLetter(e, "MaxDeliveryCountExceeded", "Message could not be consumed after "
                    + MAX_DELIVERY_COUNT + " delivery attempts. Last error: " + error);
        }
    }

    public synchronized void deadLetter(Envelope e, String reason, String description) {
        if (e.queue.endsWith(Queues.DEAD_LETTER_SUFFIX)) {
            throw new IllegalStateException("a message cannot be dead-lettered from a dead-letter queue");
        }
        queues.get(e.queue).remove(e);
        e.properties.put("DeadLetterReason", reason);
        e.properties.put("DeadLetterErrorDescription", description);
        e.lockedUntil = null;
        e.deliveryCount = 0;
        e.queue = e.message.queue() + Queues.DEAD_LETTER_SUFFIX;
        queues.computeIfAbsent(e.queue, q -> new ArrayList<>()).add(e);
    }

    /** Messages on {@code queue}, locked or not, scheduled or not. */
    public synchronized List<Envelope> peek(String queue) {
        return List.copyOf(queues.getOrDefault(queue, List.of()));
    }

    public synchronized List<String> queueNames() {
        return List.copyOf(queues.keySet());
    }

    /** When the earliest waiting message on one of {@code queueNames} becomes visible, if any waits. */
    public synchronized Optional<Instant> nextScheduled(List<String> queueNames) {
        return queueNames.stream().flatMap(q -> queues.getOrDefault(q, List.of()).stream())
                .filter(e -> e.lockedUntil == null).map(Envelope::visibleAt).min(Instant::compareTo);
    }

    /** Messages accepted (not dropped as duplicates) since start. */
    public synchronized int sentCount() {
        return sent;
    }

    /** Moves this queue's clock forward, as if time had passed. */
    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    public synchronized Instant now() {
        return clock.instant().plus(offset);
    }

    /**
     * Drops every message, due, scheduled or locked, as a purge or a crash of the local run does.
     * Unlike {@link #clear()}, duplicate detection remembers the ids sent, as Service Bus does.
     */
    public synchronized void dropAll() {
        queues.clear();
    }

    public synchronized void clear() {
        queues.clear();
        seenIds.clear();
        sent = 0;
        offset = Duration.ZERO;
    }

    private void requireLock(Envelope e) {
        if (e.lockToken == null) {
            throw new IllegalStateException("message " + e.message.messageId() + " is not locked");
        }
    }
}

package io.reprotect.pipeline;

/**
 * Puts messages on the app's queues. Production: Service Bus. Local runs and tests: an in-process
 * queue with the same semantics (peek-lock, delivery count, dead-letter, scheduled delivery,
 * duplicate detection by message id).
 */
public interface StageQueue {

    /**
     * Sends one message. Sending the same message id twice within the duplicate detection window
     * delivers it once.
     */
    void send(QueueMessage message);
}

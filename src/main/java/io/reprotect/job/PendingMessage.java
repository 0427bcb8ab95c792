package io.reprotect.job;

import java.time.Instant;

/**
 * The stage message a job is waiting for: written into the job record before it is sent
 * (an outbox), so that a crash between saving and sending is repaired by resending it.
 *
 * @param stage the stage the message runs
 * @param sequence the job's message sequence number; with the job id it makes the message id
 * @param notBefore when the message may be delivered (scheduled enqueue), or null for now
 */
public record PendingMessage(String stage, long sequence, Instant notBefore) {
}

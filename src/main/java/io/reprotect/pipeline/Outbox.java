package io.reprotect.pipeline;

import io.reprotect.job.Job;

/** Sends the stage message a saved job waits for. Safe to repeat: the message id is deterministic. */
final class Outbox {

    private Outbox() {
    }

    static void send(StageQueue queue, Job job) {
        if (job.pending() != null && !job.state().ended()) {
            queue.send(StageMessage.of(job.id(), job.pending()).toQueueMessage(job.pending()));
        }
    }
}

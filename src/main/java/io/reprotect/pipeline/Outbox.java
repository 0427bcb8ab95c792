package io.reprotect.pipeline;

import io.reprotect.job.Job;
import io.reprotect.telemetry.TraceParent;

/**
 * Sends the stage message a saved job waits for. Safe to repeat: the message id is deterministic. The message
 * carries the job's trace context, so the stage it starts joins the job's trace.
 */
final class Outbox {

    private Outbox() {
    }

    static void send(StageQueue queue, Job job) {
        if (job.pending() != null && !job.state().ended()) {
            StageMessage message = StageMessage.of(job.id(), job.pending())
                    .withTraceparent(TraceParent.forMessageOf(job.traceParent()));
            queue.send(message.toQueueMessage(job.pending()));
        }
    }
}

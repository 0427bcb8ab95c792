package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.queue.InProcessStageQueue;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What happens to a stage message in the dead-letter queue, and to its dead-letter function when that fails. */
class DeadLetterTest {

    private static final String DLQ = Queues.STAGES + Queues.DEAD_LETTER_SUFFIX;

    PipelineHarness pipeline;

    @BeforeEach
    void setUp() {
        pipeline = new PipelineHarness();
    }

    @Test
    void aDeadLetterFunctionThatKeepsFailingGivesUpInsteadOfLoopingForever() {
        pipeline.stage("copy-seed").script = c -> {
            throw new IllegalStateException("disk layout not understood");
        };
        pipeline.crashOnSave = job -> job.state() == JobState.Failed; // the job store refuses the dead letter's record
        pipeline.failSaves.set(1_000);
        Job job = pipeline.submit("vm-dlq-loop");

        pipeline.runUntilIdle(); // throws "still busy" if the dead letter came back forever

        assertThat(pipeline.queue.peek(DLQ)).as("let go after its last attempt").isEmpty();
        assertThat(pipeline.queue.operations().abandons()).as("10 stage deliveries, then 4 failed dead-letter runs")
                .isEqualTo(InProcessStageQueue.MAX_DELIVERY_COUNT - 1 + DeadLetter.MAX_HANDLING_ATTEMPTS);
        assertThat(pipeline.job(job.id()).state()).as("nothing recorded; the watchdog heals it later")
                .isNotEqualTo(JobState.Failed);
    }

    @Test
    void aDeadLetterThatFailedOnceIsRecordedOnItsNextDelivery() {
        pipeline.stage("copy-seed").script = c -> {
            throw new IllegalStateException("disk layout not understood");
        };
        pipeline.crashOnSave = job -> job.state() == JobState.Failed;
        pipeline.failSaves.set(2);
        Job job = pipeline.submit("vm-dlq-retry");

        pipeline.runUntilIdle();

        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Failed);
        assertThat(pipeline.job(job.id()).task("copy-seed").orElseThrow().errors())
                .anySatisfy(e -> assertThat(e.code()).isEqualTo("StageMessageDeadLettered"));
        assertThat(pipeline.queue.peek(DLQ)).isEmpty();
    }

    @Test
    void aDeadLetterThatIsNotAStageMessageIsLoggedAndRemoved() {
        pipeline.queue.send(new QueueMessage(Queues.STAGES, "garbage-1", "not json", null, Map.of()));
        var envelope = pipeline.queue.receive(Queues.STAGES).orElseThrow();
        pipeline.queue.deadLetter(envelope, "MaxDeliveryCountExceeded", "could not be consumed");

        pipeline.runUntilIdle();

        assertThat(pipeline.queue.peek(DLQ)).isEmpty();
        assertThat(pipeline.queue.operations().abandons()).isZero();
    }

    @Test
    void theDeadLetterReasonAndDescriptionComeFromTheApplicationProperties() {
        DeadLetter d = DeadLetter.of(Queues.STAGES, "{}", "m1", 3,
                "{\"DeadLetterReason\":\"TTLExpiredException\",\"DeadLetterErrorDescription\":"
                        + "\"expired at https://a.blob.core.windows.net/c/b?sv=1&sig=secret\"}");
        assertThat(d.reason()).isEqualTo("TTLExpiredException");
        assertThat(d.description()).doesNotContain("secret");
        assertThat(d.lastAttempt()).isFalse();
        assertThat(DeadLetter.of(Queues.STAGES, "{}", "m1", null, null).lastAttempt())
                .as("no delivery count: never throw, so never loop").isTrue();
        assertThat(DeadLetter.of(Queues.STAGES, "{}", "m1", DeadLetter.MAX_HANDLING_ATTEMPTS, "").lastAttempt()).isTrue();
    }
}

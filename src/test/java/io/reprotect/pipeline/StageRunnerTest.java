package io.reprotect.pipeline;

import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import io.reprotect.job.TestJobs;
import io.reprotect.local.queue.InProcessStageQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class StageRunnerTest {

    PipelineHarness pipeline;

    @BeforeEach
    void wire() {
        pipeline = new PipelineHarness();
    }

    @Test
    void jobRunsEveryStageOnceToSucceededWithTimesOnEachTask() {
        Job job = pipeline.submit("vm-happy");
        pipeline.runUntilIdle();
        Job done = pipeline.job(job.id());
        assertThat(done.state()).isEqualTo(JobState.Succeeded);
        assertThat(done.pending()).isNull();
        for (Task task : done.tasks()) {
            assertThat(task.state()).as(task.name()).isEqualTo(TaskState.Succeeded);
            assertThat(task.startTime()).as(task.name()).isNotNull();
            assertThat(task.endTime()).as(task.name()).isAfterOrEqualTo(task.startTime());
        }
        pipeline.reprotectStages().forEach(s -> assertThat(s.runs).as(s.stage).hasValue(1));
    }

    @Test
    void everyMessageDeliveredTwiceGivesTheSameEndStateAndEachSideEffectOnce() {
        Job job = pipeline.submit("vm-twice");
        // deliver each message, then deliver the same body again, as Service Bus may after a lost lock
        for (int i = 0; i < 100; i++) {
            boolean delivered = false;
            {
                var envelope = pipeline.queue.receive(Queues.STAGES);
                if (envelope.isPresent()) {
                    String body = envelope.get().message().body();
                    pipeline.runner.run(body);
                    pipeline.runner.run(body);
                    pipeline.queue.complete(envelope.get());
                    delivered = true;
                }
            }
            if (!delivered) {
                break;
            }
        }
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Succeeded);
        pipeline.reprotectStages().forEach(s -> {
            assertThat(s.runs).as(s.stage + " runs").hasValue(1);
            assertThat(s.sideEffects).as(s.stage + " side effects").hasValue(1);
        });
    }

    @Test
    void crashAfterTheSideEffectBeforeTheSaveStillCompletesWithOneSideEffect() {
        pipeline.crashOnSave = job -> job.task("copy-seed").orElseThrow().state() == TaskState.Succeeded;
        pipeline.failSaves.set(1);
        Job job = pipeline.submit("vm-crash-save");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Succeeded);
        assertThat(pipeline.stage("copy-seed").runs).as("the stage ran again after the crash").hasValue(2);
        assertThat(pipeline.stage("copy-seed").sideEffects).hasValue(1);
    }

    @Test
    void crashAfterTheSaveBeforeTheSendStillCompletes() {
        Job job = pipeline.submit("vm-crash-send");
        pipeline.failSends.set(1);
        pipeline.runUntilIdle();
        Job done = pipeline.job(job.id());
        assertThat(done.state()).isEqualTo(JobState.Succeeded);
        assertThat(pipeline.stage("validate-prerequisites").runs)
                .as("redelivery re-sends the next message without running the stage again").hasValue(1);
        pipeline.reprotectStages().forEach(s -> assertThat(s.runs).as(s.stage).hasValue(1));
    }

    @Test
    void twoRunnersRacingOnOneMessageRunTheStageAtMostTwiceAndLoseNoUpdate() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        pipeline.stage("validate-prerequisites").script = c -> {
            bothInside.countDown();
            await(bothInside);
            return Outcome.next();
        };
        Job job = pipeline.submit("vm-race");
        String body = pipeline.queue.receive(Queues.STAGES).orElseThrow().message().body();
        Thread other = new Thread(() -> pipeline.runner.run(body));
        other.start();
        pipeline.runner.run(body);
        other.join();
        Job after = pipeline.job(job.id());
        assertThat(after.task("validate-prerequisites").orElseThrow().state()).isEqualTo(TaskState.Succeeded);
        assertThat(after.pending().stage()).isEqualTo("prepare-target");
        assertThat(pipeline.queue.peek(Queues.STAGES).stream()
                .filter(e -> e.message().messageId().contains(":prepare-target:"))).as("one next message").hasSize(1);
    }

    @Test
    void cancelRequestedWhileAStageRunsIsKeptAlongsideTheStageResult() {
        Job job = pipeline.submit("vm-cancel-race");
        pipeline.stage("validate-prerequisites").script = c -> {
            pipeline.jobs.cancel(c.job().id()); // a caller cancels while the stage is running
            return Outcome.next();
        };
        pipeline.runUntilIdle();
        Job after = pipeline.job(job.id());
        assertThat(after.state()).isEqualTo(JobState.Cancelled);
        assertThat(after.task("validate-prerequisites").orElseThrow().state()).isEqualTo(TaskState.Succeeded);
        assertThat(pipeline.stage("prepare-target").runs).hasValue(0);
    }

    @Test
    void retryAfterIsHonouredBeforeTheStageRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        pipeline.stage("prepare-target").script = c -> {
            if (calls.incrementAndGet() == 1) {
                throw new RetryableStageException("throttled (429)", Duration.ofSeconds(30), null);
            }
            return Outcome.next();
        };
        Job job = pipeline.submit("vm-retry");
        while (pipeline.host.deliverDue() > 0) {
            // deliver what is due now
        }
        Job waiting = pipeline.job(job.id());
        assertThat(waiting.pending().stage()).isEqualTo("prepare-target");
        assertThat(waiting.task("prepare-target").orElseThrow().progress().detail()).contains("throttled (429)");
        pipeline.queue.advance(Duration.ofSeconds(28));
        assertThat(pipeline.host.deliverDue()).as("not delivered before Retry-After").isZero();
        pipeline.queue.advance(Duration.ofSeconds(3));
        assertThat(pipeline.host.deliverDue()).isPositive();
        assertThat(calls).as("delivered once Retry-After has passed").hasValue(2);
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Succeeded);
    }

    @Test
    void retriesAreBoundedThenTheJobFails() {
        pipeline.stage("stop-target-vm").script = c -> {
            throw new RetryableStageException("HTTP 503", null, null);
        };
        Job job = pipeline.submit("vm-exhausted");
        pipeline.runUntilIdle();
        Job failed = pipeline.job(job.id());
        assertThat(failed.state()).isEqualTo(JobState.Failed);
        Task task = failed.task("stop-target-vm").orElseThrow();
        assertThat(task.errors()).extracting(JobError::code).containsExactly("RetriesExhausted");
        assertThat(pipeline.stage("stop-target-vm").runs).hasValue(PipelineHarness.CONFIG.maxRetriesPerStage() + 1);
    }

    @Test
    void poisonMessageIsDeadLetteredAndItsJobShowsFailedWithTheReason() {
        pipeline.stage("copy-seed").script = c -> {
            throw new IllegalStateException("disk layout not understood");
        };
        Job job = pipeline.submit("vm-poison");
        pipeline.runUntilIdle();
        Job failed = pipeline.job(job.id());
        assertThat(failed.state()).isEqualTo(JobState.Failed);
        JobError error = failed.task("copy-seed").orElseThrow().errors().get(0);
        assertThat(error.code()).isEqualTo("StageMessageDeadLettered");
        assertThat(error.message()).contains("MaxDeliveryCountExceeded").contains("disk layout not understood");
        assertThat(error.message()).as("the evidence: the dead-lettered message itself")
                .contains("\"jobId\":\"" + job.id() + "\"").contains("\"stage\":\"copy-seed\"");
        assertThat(error.recommendedAction()).contains("/resume");
        assertThat(pipeline.stage("copy-seed").runs).hasValue(InProcessStageQueue.MAX_DELIVERY_COUNT);
        assertThat(pipeline.queue.peek(Queues.STAGES + Queues.DEAD_LETTER_SUFFIX))
                .as("the host completed the dead letter once its job recorded it").isEmpty();
    }

    @Test
    void permanentFailureFailsTheJobWithAnActionableError() {
        pipeline.stage("validate-prerequisites").script = c -> Outcome.fail(JobError.of("VmNotFound",
                "The VM does not exist", "It was deleted", "Check the vmId"));
        Job job = pipeline.submit("vm-permanent");
        pipeline.runUntilIdle();
        Job failed = pipeline.job(job.id());
        assertThat(failed.state()).isEqualTo(JobState.Failed);
        JobError error = failed.task("validate-prerequisites").orElseThrow().errors().get(0);
        assertThat(error.code()).isEqualTo("VmNotFound");
        assertThat(error.recommendedAction()).isEqualTo("Check the vmId");
        assertThat(error.time()).isNotNull();
        assertThat(pipeline.stage("prepare-target").runs).hasValue(0);
    }

    @Test
    void cancelStopsAfterTheSliceInFlight() {
        AtomicInteger slices = new AtomicInteger();
        pipeline.stage("resync").script = c -> slices.incrementAndGet() < 5
                ? Outcome.continueLater(StageContext.json(slices.get()), Duration.ofSeconds(1), null)
                : Outcome.next();
        Job job = pipeline.submit("vm-cancel");
        while (slices.get() < 2) {
            pipeline.host.deliverDue();
            pipeline.queue.advance(Duration.ofSeconds(2));
        }
        Job cancelling = pipeline.jobs.cancel(job.id()).orElseThrow();
        assertThat(cancelling.cancelRequested()).isTrue();
        assertThat(cancelling.state()).isEqualTo(JobState.InProgress);
        pipeline.runUntilIdle();
        Job cancelled = pipeline.job(job.id());
        assertThat(cancelled.state()).isEqualTo(JobState.Cancelled);
        assertThat(cancelled.task("resync").orElseThrow().state()).isEqualTo(TaskState.Cancelled);
        assertThat(slices.get()).isLessThan(5);
        assertThat(pipeline.stage("start-replication").runs).hasValue(0);
    }

    @Test
    void resumeRestartsAFailedJobAtItsFailedStageKeepingCompletedWork() {
        AtomicInteger attempts = new AtomicInteger();
        pipeline.stage("delete-target-vm").script = c -> attempts.incrementAndGet() == 1
                ? Outcome.fail(JobError.of("AuthorizationFailed", "no delete permission", null, "grant it"))
                : Outcome.next();
        Job job = pipeline.submit("vm-resume");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Failed);

        Job resumed = pipeline.jobs.resume(job.id()).orElseThrow();
        assertThat(resumed.state()).isEqualTo(JobState.InProgress);
        pipeline.runUntilIdle();
        Job done = pipeline.job(job.id());
        assertThat(done.state()).isEqualTo(JobState.Succeeded);
        assertThat(pipeline.stage("copy-seed").runs).as("completed stages are not redone").hasValue(1);
        assertThat(pipeline.stage("delete-target-vm").runs).hasValue(2);
        assertThat(done.task("delete-target-vm").orElseThrow().errors()).hasSize(1);
    }

    @Test
    void aJobWhoseFirstMessageCannotBeQueuedFailsFreeingItsVmAndTheSameSubmissionResumesIt() {
        String jobId = java.util.UUID.randomUUID().toString();
        pipeline.failSends.set(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> pipeline.jobs.submit(TestJobs.spec(jobId, TestJobs.request("vm-no-queue"))))
                .isInstanceOf(QueueUnavailableException.class);
        Job failed = pipeline.job(jobId);
        assertThat(failed.state()).isEqualTo(JobState.Failed);
        assertThat(failed.tasks().get(0).errors()).extracting(JobError::code).containsExactly("QueueUnavailable");

        Job again = pipeline.jobs.submit(TestJobs.spec(jobId, TestJobs.request("vm-no-queue")));
        assertThat(again.state()).isEqualTo(JobState.InProgress);
        pipeline.runUntilIdle();
        assertThat(pipeline.job(jobId).state()).isEqualTo(JobState.Succeeded);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStageNamedByAWorkflowWithoutAHandlerStopsTheAppAtStartNamingIt() {
        List<StageHandler> withoutResync = pipeline.stages.values().stream()
                .filter(s -> !s.stage.equals("resync")).map(s -> (StageHandler) s).toList();
        assertThatThrownBy(() -> new StageRunner(pipeline.store, m -> { }, java.time.Clock.systemUTC(),
                PipelineHarness.CONFIG, withoutResync))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[resync]");
    }
}

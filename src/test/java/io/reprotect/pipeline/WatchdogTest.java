package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.TaskState;
import io.reprotect.watchdog.OverdueCheck;
import io.reprotect.watchdog.Watchdog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watchdog on the real pipeline (Azurite job store, in-process queue): no job stays stuck. */
class WatchdogTest {

    PipelineHarness pipeline;

    @BeforeEach
    void wire() {
        pipeline = new PipelineHarness();
    }

    /** Delivers the job's messages one by one until it waits for {@code stage}. */
    void runUntilPending(Job job, String stage) {
        for (int i = 0; i < 50; i++) {
            Job current = pipeline.job(job.id());
            if (current.pending() != null && current.pending().stage().equals(stage)) {
                return;
            }
            var envelope = pipeline.queue.receive(Queues.STAGES).orElseThrow();
            pipeline.runner.run(envelope.message().body());
            pipeline.queue.complete(envelope);
        }
        throw new AssertionError("job never reached " + stage);
    }

    static Instant afterGrace() {
        return Instant.now().plus(PipelineHarness.GRACE).plusSeconds(1);
    }

    @Test
    void aJobWhoseMessagesAreLostMidJobFinishesOnceTheWatchdogHealsIt() {
        Job job = pipeline.submit("vm-killed");
        runUntilPending(job, "copy-seed");
        long lostSequence = pipeline.job(job.id()).pending().sequence();
        pipeline.queue.dropAll(); // the pipeline dies: a crash of the local run, or a purge

        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).as("nothing moves by itself").isEqualTo(JobState.InProgress);

        assertThat(pipeline.watchdog.run(afterGrace())).containsEntry("stalled-jobs", 1);
        assertThat(pipeline.job(job.id()).pending().sequence()).as("a new message id, not one duplicate "
                + "detection would drop").isGreaterThan(lostSequence);
        pipeline.runUntilIdle();

        Job done = pipeline.job(job.id());
        assertThat(done.state()).isEqualTo(JobState.Succeeded);
        done.tasks().forEach(t -> assertThat(t.state()).as(t.name()).isEqualTo(TaskState.Succeeded));
        pipeline.reprotectStages().forEach(s -> assertThat(s.runs).as(s.stage).hasValue(1));
        assertThat(pipeline.store.claimingJobIds()).as("the VM is free").doesNotContain(job.id());
    }

    @Test
    void aJobWhoseMessageIsStillWithinItsGraceIsLeftAlone() {
        Job job = pipeline.submit("vm-patient");
        int sent = pipeline.queue.sentCount();
        assertThat(pipeline.watchdog.run(Instant.now().plus(Duration.ofMinutes(10)))).containsEntry("stalled-jobs", 0);
        assertThat(pipeline.queue.sentCount()).isEqualTo(sent);
        assertThat(pipeline.job(job.id()).pending()).isEqualTo(job.pending());
    }

    @Test
    void theLostOriginalArrivingAfterTheHealChangesNothing() {
        Job job = pipeline.submit("vm-late-original");
        String original = pipeline.queue.receive(Queues.STAGES).orElseThrow().message().body();
        pipeline.watchdog.run(afterGrace());
        pipeline.runUntilIdle();
        Job done = pipeline.job(job.id());
        assertThat(done.state()).isEqualTo(JobState.Succeeded);

        pipeline.runner.run(original);
        assertThat(pipeline.job(job.id())).isEqualTo(done);
        assertThat(pipeline.stage("validate-prerequisites").runs).hasValue(1);
    }

    @Test
    void cancelOfAJobWhoseMessageIsLostEndsTheJobAndFreesTheVm() {
        Job job = pipeline.submit("vm-cancel-lost");
        runUntilPending(job, "resync");
        pipeline.queue.dropAll();
        pipeline.jobs.cancel(job.id());
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.InProgress);

        pipeline.watchdog.run(afterGrace());

        Job cancelled = pipeline.job(job.id());
        assertThat(cancelled.state()).isEqualTo(JobState.Cancelled);
        assertThat(cancelled.task("resync").orElseThrow().state()).isEqualTo(TaskState.Cancelled);
        Job next = pipeline.submit("vm-cancel-lost");
        assertThat(next.state()).as("the VM takes a new job").isEqualTo(JobState.NotStarted);
    }

    @Test
    void aTickWithNoActiveJobReadsNoJobRecord() {
        Job first = pipeline.submit("vm-idle-1");
        Job second = pipeline.submit("vm-idle-2");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(first.id()).state()).isEqualTo(JobState.Succeeded);
        assertThat(pipeline.job(second.id()).state()).isEqualTo(JobState.Succeeded);
        pipeline.jobReads.set(0);

        pipeline.watchdog.run(afterGrace());

        assertThat(pipeline.jobReads).as("job records read by the tick").hasValue(0);
        assertThat(pipeline.store.claimingJobIds()).isEmpty();
    }

    @Test
    void aFailedJobFreesItsVmAndIsNotHealed() {
        pipeline.stage("prepare-target").script = c -> Outcome.fail(JobError.of("Boom",
                "permanent", "test", "none"));
        Job job = pipeline.submit("vm-failed");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Failed);
        assertThat(pipeline.store.claimingJobIds()).doesNotContain(job.id());
        assertThat(pipeline.watchdog.run(afterGrace())).containsEntry("stalled-jobs", 0);
    }

    @Test
    void oneFailingCheckDoesNotStopTheOthers() {
        AtomicInteger ran = new AtomicInteger();
        OverdueCheck broken = check("broken", now -> {
            throw new IllegalStateException("storage unreachable");
        });
        OverdueCheck working = check("working", now -> ran.incrementAndGet());
        Map<String, Integer> result = new Watchdog(List.of(broken, working), Clock.systemUTC()).run();
        assertThat(result).containsEntry("broken", -1).containsEntry("working", 1);
        assertThat(ran).hasValue(1);
    }

    static OverdueCheck check(String name, java.util.function.ToIntFunction<Instant> heal) {
        return new OverdueCheck() {
            public String name() {
                return name;
            }

            public int healOverdue(Instant now) {
                return heal.applyAsInt(now);
            }
        };
    }
}

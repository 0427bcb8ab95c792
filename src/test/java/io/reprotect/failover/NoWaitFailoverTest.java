package io.reprotect.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.PowerState;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageMessage;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover's VM starts do not wait on Azure inside an invocation: the stage sends the start and checks it on its
 * next runs; a start that ends Failed is the stage's error.
 */
class NoWaitFailoverTest {

    /** How long each of the stand-in's operations takes in these tests. */
    private static final Duration OPERATION_TIME = Duration.ofSeconds(3);

    private ReprotectFixture f;
    private String itemId;

    @BeforeEach
    void protect() {
        f = new ReprotectFixture();
        Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
        itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** One run of a stage and how long it took in-process. */
    private record Run(String stage, Duration took) {
    }

    /** Runs the job message by message, timing each stage run. */
    private List<Run> run(String jobId) {
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < 3000 && !f.job(jobId).state().ended(); round++) {
            var envelope = f.queue.receive(Queues.STAGES);
            if (envelope.isEmpty()) {
                sleep(20);
                f.queue.nextScheduled(List.of(Queues.STAGES)).ifPresent(next -> {
                    Duration wait = Duration.between(f.clock.instant(), next);
                    f.queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
                });
                continue;
            }
            String body = envelope.get().message().body();
            long started = System.nanoTime();
            f.runner.run(body);
            runs.add(new Run(StageMessage.parse(body).stage(), Duration.ofNanos(System.nanoTime() - started)));
            f.queue.complete(envelope.get());
        }
        return runs;
    }

    @Test
    void theFailoverVmIsStartedWithoutWaitingForAzure() {
        f.arm.operationTime(OPERATION_TIME);
        String jobId = f.failovers.failover(itemId, "Planned", null, UUID.randomUUID().toString()).id();
        List<Run> starts = run(jobId).stream().filter(r -> r.stage().equals(StartFailoverVm.NAME)).toList();

        Job job = f.job(jobId);
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        String vm = FailoverOutputs.VM.read(job).orElseThrow();
        assertThat(f.vms.find(vm).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(starts).as("no run waited for the %s start", OPERATION_TIME)
                .allMatch(r -> r.took().compareTo(OPERATION_TIME.dividedBy(2)) < 0);
    }

    @Test
    void aSourceVmStartThatFindsNoCapacityFailsTheCancelAndTheNextCancelStartsIt() {
        f.arm.faults().deny("PUT", "/snapshots/"); // the final cycle cannot snapshot: the failover fails, source deallocated
        Job failover = f.runToEnd(f.failovers.failover(itemId, "Planned", null, UUID.randomUUID().toString()).id());
        assertThat(failover.state()).isEqualTo(JobState.Failed);
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.DEALLOCATED);

        f.arm.faults().failNextVmStart(f.demo.sourceVmId());
        f.arm.operationTime(OPERATION_TIME);
        String cancelId = f.failovers.cancel(itemId, UUID.randomUUID().toString()).id();
        List<Run> restarts = run(cancelId).stream().filter(r -> r.stage().equals(RestartSourceVm.NAME)).toList();
        Job cancel = f.job(cancelId);
        assertThat(cancel.state()).isEqualTo(JobState.Failed);
        assertThat(cancel.task(RestartSourceVm.NAME).orElseThrow().errors()).last()
                .satisfies(e -> assertThat(e.code()).isEqualTo("AllocationFailed"));
        assertThat(restarts.size()).as("sent the start, then checked it on a later run").isGreaterThanOrEqualTo(2);
        assertThat(restarts).as("no run waited for the %s start", OPERATION_TIME)
                .allMatch(r -> r.took().compareTo(OPERATION_TIME.dividedBy(2)) < 0);
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.DEALLOCATED);

        Job again = f.runToEnd(f.failovers.cancel(itemId, UUID.randomUUID().toString()).id());
        assertThat(again.state()).as(ReprotectFixture.describe(again)).isEqualTo(JobState.Succeeded);
        assertThat(f.vms.find(f.demo.sourceVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

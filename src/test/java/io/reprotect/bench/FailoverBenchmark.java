package io.reprotect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failover of the demo VM on the local stand-ins: wall time split into the app's own time and the
 * stand-in's simulated Azure waits, bytes moved by a planned failover's final cycle, and a drill's
 * create and cleanup times. A benchmark, not a test: run it with
 * {@code ./mvnw -B test -Dtest=FailoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Simulated Azure waits are real time spent waiting, not working: the pauses while a stage waits for
 * an operation it polls later (the fixture pauses {@value #PAUSE_MILLIS} ms per scheduled message and
 * moves the queue's clock on), and the SDK's {@value #SDK_POLL_MILLIS} ms delay before each poll of a
 * long-running operation. The app's own time is the rest: stage code, job store, queue, SDK calls, and
 * the stand-in's and Azurite's work serving them.
 */
class FailoverBenchmark {

    static final long PAUSE_MILLIS = 50;
    static final long SDK_POLL_MILLIS = 20;
    static final int MIB = 1 << 20;
    static final int CHANGED_MIB = 8;

    record Timing(String what, long wallMillis, long waitMillis, int pauses, int lroPolls, Duration queueTime) {
        String row() {
            return String.format("| %s | %d | %d | %d (%d pauses, %d operation polls) | %s |", what, wallMillis,
                    wallMillis - waitMillis, waitMillis, pauses, lroPolls, queueTime);
        }
    }

    @Test
    void plannedFailoverAndDrillOfTheDemoVm() {
        try (ReprotectFixture f = new ReprotectFixture()) {
            Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
            assertThat(reprotect.state()).isEqualTo(JobState.Succeeded);
            String itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());

            Timing drill = time(f, "test failover (drill) create", f.failovers.testFailover(itemId, "Latest",
                    f.demo.testVnetId(), false, UUID.randomUUID().toString()).id());
            Timing cleanup = time(f, "test failover cleanup", f.failovers.testFailoverCleanup(itemId,
                    UUID.randomUUID().toString()).id());

            // what the VM writes between the last cycle and the shutdown: 8 MiB in 1 MiB runs across the disk
            for (int i = 0; i < CHANGED_MIB; i++) {
                f.arm.blobOf(f.demo.sourceDiskIds().get(1)).uploadPages(new PageRange().setStart((long) i * 16 * MIB)
                        .setEnd((long) i * 16 * MIB + MIB - 1), new ByteArrayInputStream(DemoSeed.pattern(100 + i, MIB)));
            }
            String failoverId = f.failovers.failover(itemId, "Planned", null, UUID.randomUUID().toString()).id();
            Timing planned = time(f, "planned failover", failoverId);
            Job failover = f.job(failoverId);
            long moved = failover.outputs().get("cycleDisks").findValues("bytesWritten").stream()
                    .mapToLong(n -> n.asLong()).sum();
            long examined = failover.outputs().get("cycleDisks").findValues("bytesExamined").stream()
                    .mapToLong(n -> n.asLong()).sum();

            System.out.println("| Run | wall ms | app ms | simulated Azure waits ms | queue time waited |");
            System.out.println("|---|---|---|---|---|");
            for (Timing t : List.of(planned, drill, cleanup)) {
                System.out.println(t.row());
            }
            System.out.printf("final cycle of the planned failover: %d bytes changed, %d bytes examined, %d bytes "
                    + "written%n", (long) CHANGED_MIB * MIB, examined, moved);
            failover.tasks().forEach(t -> System.out.printf("  %s: %s -> %s%n", t.name(), t.startTime(), t.endTime()));
        }
    }

    /** Runs the job to its end as {@link ReprotectFixture#runToEnd(String)} does, timing it. */
    private static Timing time(ReprotectFixture f, String what, String jobId) {
        int logBefore = f.arm.actionLog().size();
        long start = System.nanoTime();
        int pauses = 0;
        Duration queueTime = Duration.ZERO;
        for (int round = 0; round < 2000; round++) {
            if (f.host.deliverDue() > 0) {
                continue;
            }
            if (f.job(jobId).state().ended()) {
                break;
            }
            Optional<Instant> next = f.queue.nextScheduled(f.host.listenedQueues());
            if (next.isEmpty()) {
                break;
            }
            pause();
            pauses++;
            Duration wait = Duration.between(f.queue.now(), next.get());
            wait = wait.isNegative() ? Duration.ZERO : wait.plusMillis(1);
            queueTime = queueTime.plus(wait);
            f.queue.advance(wait);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        assertThat(f.job(jobId).state()).as(ReprotectFixture.describe(f.job(jobId))).isEqualTo(JobState.Succeeded);
        List<String> actions = f.arm.actionLog();
        int polls = (int) actions.subList(logBefore, actions.size()).stream()
                .filter(a -> a.toLowerCase(java.util.Locale.ROOT).contains("/locations/")
                        && a.toLowerCase(java.util.Locale.ROOT).contains("operations/read"))
                .count();
        return new Timing(what, wall, pauses * PAUSE_MILLIS + polls * SDK_POLL_MILLIS, pauses, polls, queueTime);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

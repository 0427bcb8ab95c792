package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskProgressTest {

    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theEstimatedEndExtrapolatesTheRateSinceTheTaskStarted() {
        Instant now = START.plusSeconds(10);
        TaskProgress p = TaskProgress.measured(256, 1024, "bytes", START, now, "a quarter in 10 s");
        assertThat(p.percent()).isEqualTo(25);
        assertThat(p.estimatedEnd()).isEqualTo(now.plusSeconds(30));
    }

    @Test
    void thereIsNoEstimateBeforeAnyWorkIsDone() {
        assertThat(TaskProgress.measured(0, 1024, "bytes", START, START.plusSeconds(5), "").estimatedEnd()).isNull();
        assertThat(TaskProgress.measured(10, 1024, "bytes", START, START, "").estimatedEnd()).isNull();
    }

    @Test
    void doneNeverExceedsTotalAndPercentStaysBelow100WhileTheTaskRuns() {
        TaskProgress over = TaskProgress.measured(2048, 1024, "bytes", START, START.plusSeconds(1), "");
        assertThat(over.done()).isEqualTo(1024);
        assertThat(over.percent()).isEqualTo(99);
        TaskProgress nothing = TaskProgress.measured(-5, 0, "bytes", START, START.plusSeconds(1), "");
        assertThat(nothing.done()).isZero();
        assertThat(nothing.percent()).isZero();
    }

    @Test
    void hugeDisksDoNotOverflowTheEstimate() {
        long fourTiB = 4L << 40;
        TaskProgress p = TaskProgress.measured(1L << 30, 8 * fourTiB, "bytes", START,
                START.plus(Duration.ofDays(3)), "");
        assertThat(p.estimatedEnd()).isAfter(START.plus(Duration.ofDays(3)));
    }

    @Test
    void slicesAndPollsContinueOneAttemptWhileRetriesAndRedeliveriesStartANewOne() {
        Instant now = START;
        Task task = Task.notStarted("resync", "Resync").started(now, 1);
        assertThat(task.attempts()).isEqualTo(1);
        task = task.started(now, 2); // the next slice, after a continue-later
        assertThat(task.attempts()).as("a slice").isEqualTo(1);
        task = task.started(now, 2); // the same message again: redelivered after a crash
        assertThat(task.attempts()).as("a redelivery").isEqualTo(2);
        task = task.withRetries(1).started(now, 3); // after a transient failure
        assertThat(task.attempts()).as("a retry").isEqualTo(3);
        task = task.reset().started(now, 4); // a resume
        assertThat(task.attempts()).as("a resume").isEqualTo(4);
    }
}

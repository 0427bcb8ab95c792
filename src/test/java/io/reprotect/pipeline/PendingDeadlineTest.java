package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.TestJobs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingDeadlineTest {

    static final Duration GRACE = Duration.ofMinutes(15);
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static Job waitingSince(Instant lastChange, Instant notBefore) {
        Job job = TestJobs.newJob("vm-deadline");
        return job.withPending(job.pending().stage(), notBefore).withState(JobState.InProgress).touched(lastChange);
    }

    @Test
    void aMessageSentNowIsOverdueOnlyOnceTheGraceHasPassedSinceTheJobLastChanged() {
        Job job = waitingSince(T0, null);
        assertThat(PendingDeadline.isOverdue(job, T0.plus(GRACE), GRACE)).isFalse();
        assertThat(PendingDeadline.isOverdue(job, T0.plus(GRACE).plusSeconds(1), GRACE)).isTrue();
    }

    @Test
    void aScheduledMessageIsOverdueOnlyAfterItsScheduledTimePlusTheGrace() {
        Instant scheduled = T0.plus(Duration.ofHours(2)); // a retry backoff or a poll far ahead
        Job job = waitingSince(T0, scheduled);
        assertThat(PendingDeadline.isOverdue(job, T0.plus(Duration.ofHours(2)), GRACE)).isFalse();
        assertThat(PendingDeadline.isOverdue(job, scheduled.plus(GRACE), GRACE)).isFalse();
        assertThat(PendingDeadline.isOverdue(job, scheduled.plus(GRACE).plusMillis(1), GRACE)).isTrue();
        assertThat(PendingDeadline.overdueAfter(job, GRACE)).contains(scheduled.plus(GRACE));
    }

    @Test
    void aStageThatStartedAfterItsScheduledTimeIsGivenTheGraceFromItsStart() {
        Instant scheduled = T0;
        Instant started = T0.plus(Duration.ofMinutes(20)); // delivered late, now running
        Job job = waitingSince(started, scheduled);
        assertThat(PendingDeadline.isOverdue(job, started.plus(Duration.ofMinutes(10)), GRACE)).isFalse();
        assertThat(PendingDeadline.isOverdue(job, started.plus(GRACE).plusSeconds(1), GRACE)).isTrue();
    }

    @Test
    void aJobThatHasEndedOrWaitsForNoMessageIsNeverOverdue() {
        Job ended = waitingSince(T0, null).withState(JobState.Succeeded).withoutPending();
        Job failedWithPending = waitingSince(T0, null).withState(JobState.Failed);
        Instant muchLater = T0.plus(Duration.ofDays(30));
        assertThat(PendingDeadline.isOverdue(ended, muchLater, GRACE)).isFalse();
        assertThat(PendingDeadline.isOverdue(failedWithPending, muchLater, GRACE)).isFalse();
        assertThat(PendingDeadline.overdueAfter(ended, GRACE)).isEmpty();
    }

    @Test
    void aZeroGraceMakesTheMessageOverdueRightAfterItsDueTime() {
        Job job = waitingSince(T0, null);
        assertThat(PendingDeadline.isOverdue(job, T0, Duration.ZERO)).isFalse();
        assertThat(PendingDeadline.isOverdue(job, T0.plusMillis(1), Duration.ZERO)).isTrue();
    }
}

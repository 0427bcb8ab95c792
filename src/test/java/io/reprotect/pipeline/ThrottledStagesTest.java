package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.CloudException;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Throttling paces a job; it does not fail it. */
class ThrottledStagesTest {

    final PipelineHarness pipeline = new PipelineHarness();

    @Test
    void aStageThrottledMoreTimesThanItsRetryBudgetStillCompletes() {
        int throttles = PipelineHarness.CONFIG.maxRetriesPerStage() * 3;
        AtomicInteger calls = new AtomicInteger();
        pipeline.stage("stop-target-vm").script = c -> {
            if (calls.incrementAndGet() <= throttles) {
                throw new CloudException.Throttled("Stopping VM failed: HTTP 429 TooManyRequests", "TooManyRequests",
                        Duration.ofSeconds(20), null);
            }
            return Outcome.next();
        };
        Job job = pipeline.submit("vm-throttled");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Succeeded);
        assertThat(calls).hasValue(throttles + 1);
    }

    @Test
    void failuresOtherThanThrottlingStillExhaustTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        pipeline.stage("stop-target-vm").script = c -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new CloudException.Throttled("HTTP 429", "TooManyRequests", Duration.ofSeconds(5), null);
            }
            throw new CloudException.Transient("HTTP 503", 503, "ServiceUnavailable", null);
        };
        Job job = pipeline.submit("vm-unavailable");
        pipeline.runUntilIdle();
        assertThat(pipeline.job(job.id()).state()).isEqualTo(JobState.Failed);
    }
}

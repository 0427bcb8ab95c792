package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stage retry backoff doubles, is capped, and is jittered so that jobs failed together do not return together. */
class RetryBackoffTest {

    final JobTransitions transitions = new JobTransitions(PipelineHarness.CONFIG); // base 10 s, max 10 min

    @Test
    void eachRetryWaitsAboutTwiceAsLongAsTheOneBefore() {
        assertThat(transitions.backoff(1)).isBetween(Duration.ofMillis(9_500), Duration.ofMillis(10_500));
        assertThat(transitions.backoff(2)).isBetween(Duration.ofMillis(19_000), Duration.ofMillis(21_000));
        assertThat(transitions.backoff(4)).isBetween(Duration.ofMillis(76_000), Duration.ofMillis(84_000));
        assertThat(transitions.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jobsRetryingTogetherAreSpreadOut() {
        Set<Duration> delays = new HashSet<>();
        IntStream.range(0, 50).forEach(i -> delays.add(transitions.backoff(3)));
        assertThat(delays).as("50 jobs failing at once come back at different times").hasSizeGreaterThan(40);
    }
}

package io.reprotect.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the pipeline retries and how callers are told to poll. */
@ConfigMapping(prefix = "reprotect.pipeline")
public interface PipelineConfig {

    /** Retries of one stage after transient failures before the job fails. */
    @WithDefault("8")
    int maxRetriesPerStage();

    /** First retry delay; it doubles on each retry up to {@link #retryMaxDelay()}. */
    @WithDefault("PT10S")
    Duration retryBaseDelay();

    @WithDefault("PT10M")
    Duration retryMaxDelay();

    /** Retry-After sent to callers polling a job that has not ended. */
    @WithDefault("PT10S")
    Duration pollInterval();
}

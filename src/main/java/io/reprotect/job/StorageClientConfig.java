package io.reprotect.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the job store waits for storage, so that API calls fail fast when storage is down. */
@ConfigMapping(prefix = "reprotect.storage.client")
public interface StorageClientConfig {

    /**
     * How long one job store request may take (connecting included) before it is abandoned. Job
     * records are a few KiB, so a healthy store answers in milliseconds; this bounds how long an
     * API call waits on a store that is down or hangs.
     */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /**
     * Tries per job store call, the first included. The pipeline retries on its own (redelivery),
     * and API callers are told to retry (503 + Retry-After), so more tries would only make callers
     * wait: at worst a call takes about {@code maxTries x requestTimeout}.
     */
    @WithDefault("2")
    int maxTries();
}

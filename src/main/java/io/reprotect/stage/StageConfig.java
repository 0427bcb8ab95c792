package io.reprotect.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the reprotect stages. */
@ConfigMapping(prefix = "reprotect.stages")
public interface StageConfig {

    /** How long a stage waits before looking again at a long-running Azure operation (deallocate, copy). */
    @WithDefault("PT15S")
    Duration pollInterval();

    /**
     * How long read access to a disk lasts while its seed is copied. Short on purpose; a copy that
     * outlives it is restarted with a fresh grant.
     */
    @WithDefault("PT1H")
    Duration diskAccessDuration();

    /** Container, in the target storage account, that holds seeds and replicas. */
    @WithDefault("reprotect-replicas")
    String replicaContainer();
}

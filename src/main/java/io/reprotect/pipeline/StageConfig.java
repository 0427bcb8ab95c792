package io.reprotect.pipeline;

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
     * The shortest read access to a disk while its seed is copied; a larger disk gets longer, sized from its
     * size and an assumed copy rate (reprotect {@code SeedGrantDuration}), up to Azure's 60 days.
     */
    @WithDefault("PT1H")
    Duration diskAccessDuration();

    /** Container, in the target storage account, that holds seeds and replicas. */
    @WithDefault("reprotect-replicas")
    String replicaContainer();
}

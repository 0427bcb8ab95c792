package io.reprotect.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How recovery plan actions call out and wait (docs/recovery-plans.md "Actions"). */
@ConfigMapping(prefix = "reprotect.plan-actions")
public interface PlanActionsConfig {

    /**
     * Base of the callback URLs given to HTTP targets, ending in {@code /api}. Unset: {@code https://} and the
     * app's host name as Azure Functions sets it in {@code WEBSITE_HOSTNAME}, then {@code /api}.
     */
    Optional<URI> callbackBaseUrl();

    /**
     * Lets actions call {@code http://localhost} (and 127.0.0.1): dev and tests only, where the demo endpoint
     * listens on plain HTTP. Off in Azure, where every action URL must be https.
     */
    @WithDefault("false")
    boolean allowLocalHttp();

    /** How long a call to a target (the call itself, or one poll) may take before it counts as unanswered. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** How long connecting to a target may take. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** How often a running action is looked at again when nothing says otherwise (no Retry-After). */
    @WithDefault("PT5S")
    Duration checkInterval();
}

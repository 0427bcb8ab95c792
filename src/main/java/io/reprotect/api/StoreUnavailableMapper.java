package io.reprotect.api;

import io.reprotect.job.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Job store outages answer 503 problem+json with Retry-After, at once: the job store client's
 * bounded timeouts and tries ({@code reprotect.storage.client.*}) keep the wait short.
 */
public class StoreUnavailableMapper {

    /** Seconds a caller should wait before retrying while storage is down. */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warn(e.getMessage());
        return ProblemDetails.of(Response.Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                "Job storage is unavailable",
                "The app's storage account did not answer; nothing was changed. Retry after the Retry-After delay.")
                .response().header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}

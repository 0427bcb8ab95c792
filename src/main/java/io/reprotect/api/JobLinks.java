package io.reprotect.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Absolute URLs of a job, built from the request's own base URL. Behind the Functions front end
 * the base URL is the public one ({@code https://<app>.azurewebsites.net/api/}) because the app
 * honours {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (quarkus.http.proxy.*).
 */
final class JobLinks {

    private JobLinks() {
    }

    /** The status view, {@code /api/jobs/{id}}: 200 with the job once it ended, whatever the outcome. */
    static URI job(UriInfo uri, String jobId) {
        return uri.getBaseUriBuilder().path("jobs").path(jobId).build();
    }

    /**
     * The operation result, {@code /api/jobs/{id}/result}: what a poller follows. It answers 202
     * while the job runs, 200 when it Succeeded and a problem when it Failed or was Cancelled.
     */
    static URI result(UriInfo uri, String jobId) {
        return uri.getBaseUriBuilder().path("jobs").path(jobId).path("result").build();
    }
}

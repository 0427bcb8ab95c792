package io.reprotect.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** Builds the URL of a job from the request's own base URL, so it is right behind any host. */
final class JobLinks {

    private JobLinks() {
    }

    static URI job(UriInfo uri, String jobId) {
        return uri.getBaseUriBuilder().path("jobs").path(jobId).build();
    }
}

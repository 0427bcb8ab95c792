package io.reprotect.api;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Absolute URLs of a job, built from the request's own base URL. Behind the Functions front end
 * {@link ForwardedLocation} turns the link into the public one ({@code https://<app>.azurewebsites.net/api/})
 * from {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}.
 *
 * <p>A function key the caller sent as {@code ?code=} is kept on the link, as Durable Functions
 * does on its status URLs: a poller (the Logic Apps HTTP action) re-sends neither the caller's
 * headers nor its query, only the URL it was given, and the Functions host wants the key on
 * every request. A key sent in the {@code x-functions-key} header is never copied.
 */
final class JobLinks {

    /** Query parameter the Functions host reads a function key from. */
    static final String KEY_PARAMETER = "code";

    private JobLinks() {
    }

    /** The status view, {@code /api/jobs/{id}}: 200 with the job once it ended, whatever the outcome. */
    static URI job(UriInfo uri, String jobId) {
        return withKey(uri, uri.getBaseUriBuilder().path("jobs").path(jobId));
    }

    /**
     * The operation result, {@code /api/jobs/{id}/result}: what a poller follows. It answers 202
     * while the job runs, 200 when it Succeeded and a problem when it Failed or was Cancelled.
     */
    static URI result(UriInfo uri, String jobId) {
        return withKey(uri, uri.getBaseUriBuilder().path("jobs").path(jobId).path("result"));
    }

    /** A protected item, {@code /api/protected-items/{id}}: its state and {@code allowedOperations}. */
    static URI deletedItem(UriInfo uri, String deletedItemId) {
        return withKey(uri, uri.getBaseUriBuilder().path("deleted-items").path(deletedItemId));
    }

    static URI item(UriInfo uri, String itemId) {
        return withKey(uri, uri.getBaseUriBuilder().path("protected-items").path(itemId));
    }

    /** An approval, {@code /api/approvals/{id}}: pending until a second Administrator approves it. */
    static URI approval(UriInfo uri, String approvalId) {
        return withKey(uri, uri.getBaseUriBuilder().path("approvals").path(approvalId));
    }

    private static URI withKey(UriInfo uri, UriBuilder link) {
        String key = uri.getQueryParameters().getFirst(KEY_PARAMETER);
        return key == null || key.isBlank() ? link.build() : link.queryParam(KEY_PARAMETER, key).build();
    }
}

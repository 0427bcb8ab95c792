package io.reprotect.api;

import io.reprotect.request.Printable;
import io.reprotect.request.RequestParser;
import jakarta.ws.rs.core.Response;

/** Problem details for what the HTTP layer refuses before a resource runs, in the caller's terms. */
final class HttpRefusals {

    private HttpRefusals() {
    }

    static ProblemDetails hostMissing() {
        return ProblemDetails.of(Response.Status.BAD_REQUEST, "http-error", "Bad request",
                "An HTTP/1.1 request needs a Host header");
    }

    static ProblemDetails unavailable(String method) {
        return ProblemDetails.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "The request could not be completed; it is safe to retry"
                        + ("POST".equals(method) ? " (send an Idempotency-Key header to make retries return the same job)"
                                : ""));
    }

    static ProblemDetails of(int statusCode, String method, String path) {
        Response.Status status = Response.Status.fromStatusCode(statusCode);
        String where = Printable.value(method) + " " + Printable.value(path);
        return switch (statusCode) {
            case 404 -> ProblemDetails.of(Response.Status.NOT_FOUND, "not-found", "Not found",
                    "There is nothing at " + where + "; docs/api.md lists every call");
            case 405 -> ProblemDetails.of(Response.Status.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "Method not allowed", where + " is not a call of this API; docs/api.md lists every call");
            case 406 -> ProblemDetails.of(Response.Status.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                    "This API answers application/json and application/problem+json; accept one of them");
            case 413 -> ProblemDetails.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request-too-large",
                    "Request too large", "The body must not exceed " + RequestParser.MAX_BODY_BYTES + " bytes");
            case 415 -> ProblemDetails.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported Content-Type", "The body must be JSON; send Content-Type: application/json");
            default -> ProblemDetails.of(status == null ? Response.Status.BAD_REQUEST : status, "http-error",
                    status == null ? "Bad request" : status.getReasonPhrase(),
                    "The HTTP layer refused " + where + " before it reached the API");
        };
    }
}

package io.reprotect.plan;

import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The one HTTP client of plan actions, built once: it never follows a redirect (a target cannot send the engine's
 * headers elsewhere), connects and waits within {@link PlanActionsConfig}'s timeouts, and reads at most
 * {@link ActionLimits#MAX_QUOTED_CHARS} characters of an answer.
 */
@ApplicationScoped
public class ActionHttp {

    /** How a call ended when no status came back. */
    public enum Failure {
        /** A status came back. */
        NONE,
        /** The target was not reached (connection refused, no such host): nothing arrived there. */
        NOT_REACHED,
        /** No answer within the request timeout: the call may have arrived. */
        NO_ANSWER
    }

    /**
     * What a target answered.
     *
     * @param status the HTTP status, 0 when none came back
     * @param location the Location header, if any
     * @param retryAfter what Retry-After asked, if anything
     * @param excerpt the start of the answer's body, printable
     * @param failure why no status came back
     * @param error the error's message when no status came back
     */
    public record Answer(int status, Optional<String> location, Optional<Duration> retryAfter, String excerpt,
            Failure failure, String error) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;

    public ActionHttp(PlanActionsConfig config) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout()).build();
        this.requestTimeout = config.requestTimeout();
    }

    /** Calls {@code uri}; {@code body} null sends none (a poll's GET). Never throws for a target's failure. */
    public Answer call(String method, URI uri, Map<String, String> headers, byte[] body, Instant now) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = Printable.of(new String(in.readNBytes(ActionLimits.MAX_QUOTED_CHARS * 4),
                        StandardCharsets.UTF_8), ActionLimits.MAX_QUOTED_CHARS);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Location"),
                    retryAfter(response.headers().firstValue("Retry-After"), now), excerpt, Failure.NONE, null);
        } catch (HttpTimeoutException e) {
            boolean connecting = e instanceof java.net.http.HttpConnectTimeoutException;
            return failed(connecting ? Failure.NOT_REACHED : Failure.NO_ANSWER, connecting
                    ? "could not connect within " + uri.getHost() + "'s connect timeout"
                    : "no answer within " + requestTimeout.toSeconds() + " s");
        } catch (IOException e) {
            return failed(Failure.NOT_REACHED, "could not reach " + Printable.value(uri.getHost()) + ": "
                    + Printable.value(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(Failure.NO_ANSWER, "interrupted while waiting for the answer");
        } catch (IllegalArgumentException e) {
            return failed(Failure.NOT_REACHED, "the request could not be made: " + Printable.value(e.getMessage()));
        }
    }

    private static Answer failed(Failure failure, String error) {
        return new Answer(0, Optional.empty(), Optional.empty(), "", failure, error);
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110), held to {@link ActionLimits}' bounds. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        return header.map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                try {
                    return Optional.of(Duration.between(now,
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
                } catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        }).map(d -> d.compareTo(ActionLimits.MIN_RETRY_AFTER) < 0 ? ActionLimits.MIN_RETRY_AFTER
                : d.compareTo(ActionLimits.MAX_RETRY_AFTER) > 0 ? ActionLimits.MAX_RETRY_AFTER : d);
    }
}

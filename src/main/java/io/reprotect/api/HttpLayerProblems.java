package io.reprotect.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refusals the HTTP layer makes before the API runs (a body over the server's limit, declared or chunked;
 * a request without Host), answered as problem+json instead of an empty body or the framework's error page.
 *
 * <p>What Vert.x refuses while decoding the request (431, 414, a malformed request line, headers or
 * chunked framing) is answered by its HTTP codec before any handler of the app: those stay an empty body.
 */
@ApplicationScoped
public class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs before Quarkus's own body-size check (order -2), which answers 413 with an empty body. */
    private static final int BEFORE_BODY_SIZE_CHECK = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> {
            BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue());
            router.route().order(BEFORE_BODY_SIZE_CHECK)
                    .handler(context -> refuseOversize(context, limit.asLongValue(), chunkedBodies));
        });
        router.route().failureHandler(this::answer);
    }

    /**
     * A body whose Content-Length is over the server's limit is refused before it is read; a chunked body is
     * read here up to the limit, and refused with the same problem once it grows past it.
     */
    private void refuseOversize(RoutingContext context, long limit, BodyHandler chunkedBodies) {
        if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true)) {
            chunkedBodies.handle(context);
            return;
        }
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // Vert.x refuses such a request before it gets here
        }
        if (length > limit) {
            refuseTooLarge(context);
        } else {
            context.next();
        }
    }

    private void answer(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode();
        ProblemDetails problem;
        if (status == 413) {
            refuseTooLarge(context);
            return;
        } else if (context.request().version() != HttpVersion.HTTP_1_0
                && context.request().getHeader(HttpHeaders.HOST) == null) {
            problem = HttpRefusals.hostMissing();
        } else if (status >= 400 && status < 500) {
            problem = HttpRefusals.of(status, context.request().method().name(), context.request().path());
        } else {
            LOG.error("request failed before the API ran", context.failure());
            problem = HttpRefusals.unavailable(context.request().method().name());
            context.response().putHeader("Retry-After", "10");
        }
        write(context, problem);
    }

    /**
     * Answers 413 and then closes the connection: the rest of the body is never read, so the connection cannot
     * carry another request (HTTP/2 refuses the stream alone).
     */
    private static void refuseTooLarge(RoutingContext context) {
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        write(context, HttpRefusals.of(413, context.request().method().name(), context.request().path()));
    }

    private static void write(RoutingContext context, ProblemDetails problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
                    .end(JSON.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(problem.status()).end();
        }
    }
}

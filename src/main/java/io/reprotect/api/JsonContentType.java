package io.reprotect.api;

import io.reprotect.request.Printable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An endpoint that consumes JSON gets exactly one {@code Content-Type: application/json} header, with no
 * charset or UTF-8 (RFC 8259 section 8.1); anything else is refused with 415 before the body is read.
 * (The framework alone matches a missing header, a second header or any charset.)
 */
public class JsonContentType {

    @ServerRequestFilter
    public Response requireJson(ContainerRequestContext request, ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null || !Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON)) {
            return null;
        }
        String problem = problem(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
        return problem == null ? null : refusal(problem);
    }

    static Response refusal(String detail) {
        return ProblemDetails.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported Content-Type", detail + "; send Content-Type: application/json").response().build();
    }

    /** @return why the Content-Type header values are refused, or null if they are one JSON media type */
    static String problem(List<String> values) {
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return "the request has no Content-Type header";
        }
        if (values.size() > 1 || values.get(0).contains(",")) {
            return "the request has more than one Content-Type";
        }
        MediaType type;
        try {
            type = MediaType.valueOf(values.get(0).trim());
        } catch (IllegalArgumentException e) {
            return "the Content-Type '" + Printable.value(values.get(0)) + "' is not a media type";
        }
        if (!"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
            return "the body must be JSON, not " + Printable.value(type.getType() + "/"
                    + type.getSubtype());
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !"utf-8".equalsIgnoreCase(charset.trim())) {
            return "the charset must be UTF-8, not '" + Printable.value(charset) + "'";
        }
        return null;
    }
}

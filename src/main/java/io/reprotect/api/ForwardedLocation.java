package io.reprotect.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Makes {@code Location} the URL the caller used. Behind the Functions front end the app sees an
 * internal plain-http request; the front end states what the caller used in
 * {@code X-Forwarded-Proto} ({@code https}) and {@code X-Forwarded-Host}. Values that are not a
 * plain scheme or host name are ignored, so a forged header cannot inject anything into the link.
 * (Done here rather than with quarkus.http.proxy.*, which drops HTTP/1.1 requests without Host.)
 */
@Provider
public class ForwardedLocation implements ContainerResponseFilter {

    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    private static final Pattern SCHEME = Pattern.compile("https?");
    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI link = URI.create(location.toString());
        if (!link.isAbsolute()) {
            return;
        }
        UriBuilder rewritten = UriBuilder.fromUri(link);
        String scheme = first(request.getHeaderString(PROTO));
        if (scheme != null && SCHEME.matcher(scheme).matches()) {
            rewritten.scheme(scheme);
            if (link.getPort() == 80 || link.getPort() == 443) {
                rewritten.port(-1);
            }
        }
        String host = first(request.getHeaderString(HOST));
        if (host != null && HOST_AND_PORT.matcher(host).matches()) {
            int colon = host.indexOf(':');
            rewritten.host(colon < 0 ? host : host.substring(0, colon))
                    .port(colon < 0 ? -1 : Integer.parseInt(host.substring(colon + 1)));
        }
        response.getHeaders().putSingle(HttpHeaders.LOCATION, rewritten.build());
    }

    /** The first of a comma-separated list (the client's side of a chain of proxies), trimmed. */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.reprotect.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.Queues;
import io.reprotect.request.Printable;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What is wrong with an action as a plan states it, each problem a sentence that names the field and what is
 * expected. Pure: it resolves no host name.
 */
final class ActionProblems {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final List<String> ENGINE_QUEUES = List.of(Queues.INTAKE, Queues.REJECTED, Queues.STAGES);

    private final boolean allowLocalHttp;

    ActionProblems(boolean allowLocalHttp) {
        this.allowLocalHttp = allowLocalHttp;
    }

    List<String> of(PlanAction action) {
        List<String> problems = new ArrayList<>();
        if (action == null) {
            return List.of("the action is missing");
        }
        String at = "action " + Printable.value(action.name());
        if (action.name() == null || action.name().length() > ActionLimits.MAX_NAME_CHARS
                || !NAME.matcher(action.name()).matches()) {
            problems.add(at + ": name must be 1 to " + ActionLimits.MAX_NAME_CHARS
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (action.timeout() == null || action.timeout().compareTo(ActionLimits.MIN_TIMEOUT) < 0
                || action.timeout().compareTo(ActionLimits.MAX_TIMEOUT) > 0) {
            problems.add(at + ": timeout must be from " + ActionLimits.MIN_TIMEOUT + " to " + ActionLimits.MAX_TIMEOUT
                    + " (ISO 8601, e.g. PT15M)");
        }
        if (action.kind() == null) {
            problems.add(at + ": kind must be HTTP, QUEUE or MANUAL");
            return problems;
        }
        boolean[] set = {action.http() != null, action.queue() != null, action.instructions() != null};
        int expected = action.kind().ordinal();
        for (int i = 0; i < set.length; i++) {
            if (set[i] != (i == expected)) {
                problems.add(at + ": a " + action.kind() + " action sets exactly "
                        + List.of("http", "queue", "instructions").get(expected));
                break;
            }
        }
        switch (action.kind()) {
            case HTTP -> http(at, action.http(), problems);
            case QUEUE -> queue(at, action.queue(), problems);
            case MANUAL -> manual(at, action.instructions(), problems);
        }
        return problems;
    }

    private void http(String at, PlanAction.HttpCall call, List<String> problems) {
        if (call == null) {
            return;
        }
        url(at + ": http.url", call.url()).ifPresent(problems::add);
        if (call.method() != null && !ActionLimits.METHODS.contains(call.method())) {
            problems.add(at + ": http.method must be one of " + String.join(", ", ActionLimits.METHODS.stream().sorted()
                    .toList()) + " (the body is always sent), not " + Printable.value(call.method()));
        }
        body(at + ": http.body", call.body(), problems);
        Map<String, String> headers = call.headers() == null ? Map.of() : call.headers();
        if (headers.size() > ActionLimits.MAX_HEADERS) {
            problems.add(at + ": http.headers holds at most " + ActionLimits.MAX_HEADERS + " headers");
        }
        headers.forEach((name, value) -> {
            // a header's value is never quoted back: it may hold a key
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                problems.add(at + ": http.headers has a name that is not an HTTP header name");
            } else if (ActionLimits.RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(at + ": http.headers may not set " + name + " (the engine sets it)");
            } else if (value == null || value.length() > ActionLimits.MAX_HEADER_VALUE_CHARS
                    || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.add(at + ": http.headers." + name + " must be up to " + ActionLimits.MAX_HEADER_VALUE_CHARS
                        + " printable characters");
            }
        });
    }

    private static void queue(String at, PlanAction.QueueSend send, List<String> problems) {
        if (send == null) {
            return;
        }
        String name = send.queue();
        if (name == null || name.length() > ActionLimits.MAX_QUEUE_CHARS || !QUEUE.matcher(name).matches()) {
            problems.add(at + ": queue.queue must be a Service Bus queue name (1 to " + ActionLimits.MAX_QUEUE_CHARS
                    + " letters, digits, '.', '_', '-' or '/', starting and ending with a letter or digit)");
        } else if (ENGINE_QUEUES.stream().anyMatch(q -> q.equalsIgnoreCase(name))) {
            problems.add(at + ": queue.queue " + name + " is the engine's own queue; name a queue of yours");
        }
        body(at + ": queue.body", send.body(), problems);
    }

    private static void manual(String at, String instructions, List<String> problems) {
        if (instructions != null && (instructions.isBlank()
                || instructions.length() > ActionLimits.MAX_INSTRUCTIONS_CHARS)) {
            problems.add(at + ": instructions must say what the person is asked to do, in 1 to "
                    + ActionLimits.MAX_INSTRUCTIONS_CHARS + " characters");
        }
    }

    private static void body(String field, JsonNode body, List<String> problems) {
        if (body == null || body.isNull()) {
            return;
        }
        if (!body.isObject()) {
            problems.add(field + " must be a JSON object (the engine adds its fields to it)");
        } else if (JobJson.write(body).length > ActionLimits.MAX_BODY_BYTES - 1024) {
            problems.add(field + " must be under " + (ActionLimits.MAX_BODY_BYTES - 1024) / 1024 + " KiB");
        }
    }

    /**
     * What is wrong with a URL the engine would call (the action's, or a poll URL a target gave), if anything:
     * absolute https, no user name or password, no address of this machine or of Azure's instance metadata
     * (link-local); {@code http://localhost} only where {@link PlanActionsConfig#allowLocalHttp()} allows it.
     */
    java.util.Optional<String> url(String field, String url) {
        if (url == null || url.isBlank()) {
            return java.util.Optional.of(field + " is missing: an absolute https URL");
        }
        if (url.length() > ActionLimits.MAX_URL_CHARS) {
            return java.util.Optional.of(field + " is longer than " + ActionLimits.MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return java.util.Optional.of(field + " is not a URL: " + Printable.value(e.getReason()));
        }
        String shown = Printable.value(ActionRecord.shown(url));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return java.util.Optional.of(field + " must be an absolute https URL, not " + shown);
        }
        if (uri.getRawUserInfo() != null) {
            return java.util.Optional.of(field + " may not hold a user name or password: put a key in http.headers");
        }
        boolean local = isLocal(host);
        if (scheme.equals("http") && !(allowLocalHttp && local)) {
            return java.util.Optional.of(field + " must use https" + (allowLocalHttp
                    ? " (plain http only to localhost in dev and tests)" : "") + ", not " + shown);
        }
        if (local && !allowLocalHttp || isLinkLocal(host)) {
            return java.util.Optional.of(field + " names an address of the engine's own machine or network ("
                    + Printable.value(host) + "); name the target's public or private host name");
        }
        return java.util.Optional.empty();
    }

    private static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || literal(h).map(a -> a.isLoopbackAddress()
                || a.isAnyLocalAddress()).orElse(false);
    }

    private static boolean isLinkLocal(String host) {
        return literal(host.toLowerCase(Locale.ROOT)).map(InetAddress::isLinkLocalAddress).orElse(false);
    }

    /** The address an IP literal names; empty for a host name (never resolved here). */
    private static java.util.Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(h)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}

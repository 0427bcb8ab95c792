package io.reprotect.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reprotect.job.JobJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A small HTTP target for recovery plan actions, on its own port of 127.0.0.1 (dev and tests only): it records every
 * call it receives (method, path, body, header names; never header values) and answers as its path says:
 * <ul>
 * <li>{@code /ok}: 200 at once;</li>
 * <li>{@code /accept?polls=N}: 202 with a Location to poll ({@code /operations/{n}}) that answers 202 with
 *     {@code Retry-After: 1} N times (default 2), then 200;</li>
 * <li>{@code /callback?after=S&result=Succeeded|Failed&times=K}: 202 without Location, then POSTs the result to
 *     the {@code callbackUrl} of the body after S seconds (default 1), K times (default 1);</li>
 * <li>{@code /silent}: 202 without Location, and never calls back;</li>
 * <li>{@code /status/{code}}: that status (a refusal, or a failure).</li>
 * </ul>
 * {@code GET /calls} lists the calls recorded, newest last.
 */
@ApplicationScoped
public class DemoEndpoint {

    /** Default number of 202 answers a poll gets before 200. */
    static final int DEFAULT_POLLS = 2;

    private static final Logger LOG = Logger.getLogger(DemoEndpoint.class);

    /**
     * A call the endpoint received.
     *
     * @param method the method
     * @param path path and query
     * @param body the JSON body, or null
     * @param headerNames the names of the headers it carried (values are never kept)
     * @param at when it came
     */
    public record Call(String method, String path, JsonNode body, List<String> headerNames, Instant at) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, AtomicInteger> pollsLeft = new HashMap<>();
    private final AtomicInteger operations = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService callbacks;
    private HttpServer server;

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "reprotect.local.demo-endpoint.port", defaultValue = "0") int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo endpoint cannot listen on 127.0.0.1:" + port
                    + " (reprotect.local.demo-endpoint.port)", e);
        }
        callbacks = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-endpoint-callbacks"));
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> new Thread(r, "demo-endpoint")));
        server.start();
        LOG.infof("demo endpoint for plan actions at %s (GET %s lists the calls it received)", url(""), url("/calls"));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop(0);
            callbacks.shutdownNow();
        }
    }

    /** The endpoint's URL for {@code pathAndQuery}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** The calls received so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose path starts with {@code prefix}. */
    public List<Call> calls(String prefix) {
        return calls().stream().filter(c -> c.path().startsWith(prefix)).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            Map<String, String> query = query(uri.getRawQuery());
            byte[] bytes = exchange.getRequestBody().readNBytes(1 << 20);
            JsonNode body = bytes.length == 0 ? null : JobJson.MAPPER.readTree(bytes);
            if (path.equals("/calls") && exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 200, JobJson.write(calls()));
                return;
            }
            synchronized (this) {
                calls.add(new Call(exchange.getRequestMethod(), uri.toString(), body,
                        List.copyOf(exchange.getRequestHeaders().keySet()), Instant.now()));
            }
            if (path.equals("/ok")) {
                answer(exchange, 200, "{\"done\": true}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/accept")) {
                String operation = "/operations/" + operations.incrementAndGet();
                synchronized (this) {
                    pollsLeft.put(operation, new AtomicInteger(Integer.parseInt(query.getOrDefault("polls",
                            String.valueOf(DEFAULT_POLLS)))));
                }
                exchange.getResponseHeaders().add("Location", operation);
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 202, new byte[0]);
            } else if (path.startsWith("/operations/")) {
                AtomicInteger left;
                synchronized (this) {
                    left = pollsLeft.get(path);
                }
                if (left == null) {
                    answer(exchange, 404, new byte[0]);
                } else if (left.getAndDecrement() > 0) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    answer(exchange, 202, new byte[0]);
                } else {
                    answer(exchange, 200, "{\"status\": \"Succeeded\"}".getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.equals("/callback")) {
                answer(exchange, 202, new byte[0]);
                scheduleCallbacks(body, query);
            } else if (path.equals("/silent")) {
                answer(exchange, 202, new byte[0]);
            } else if (path.startsWith("/status/")) {
                answer(exchange, Integer.parseInt(path.substring("/status/".length())), new byte[0]);
            } else {
                answer(exchange, 404, new byte[0]);
            }
        } catch (RuntimeException e) {
            LOG.warnf("demo endpoint: %s", e.toString());
        }
    }

    private void scheduleCallbacks(JsonNode body, Map<String, String> query) {
        String url = body == null ? null : body.path("callbackUrl").asText(null);
        if (url == null) {
            return;
        }
        long after = Long.parseLong(query.getOrDefault("after", "1"));
        int times = Integer.parseInt(query.getOrDefault("times", "1"));
        String result = query.getOrDefault("result", "Succeeded");
        String json = "{\"status\": \"" + result + "\", \"message\": \"the demo endpoint did its work\"}";
        for (int i = 0; i < times; i++) {
            callbacks.schedule(() -> {
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    LOG.infof("demo endpoint called back %s: %d", result, answer.statusCode());
                } catch (IOException | InterruptedException e) {
                    LOG.warnf("demo endpoint could not call back: %s", e.toString());
                }
            }, after * 1000 + i * 200L, TimeUnit.MILLISECONDS);
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }
}

package io.reprotect.telemetry;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import reactor.core.publisher.Mono;

/**
 * Application Insights' ingestion endpoint (Breeze, {@code POST /v2.1/track}) on loopback, for tests: it keeps the
 * telemetry items the Azure Monitor exporter sends (gzip'd JSON lines) and accepts them all. The exporter's own
 * HTTP client is held to loopback ({@link #loopbackOnly}), so the exporter's side calls (statsbeat, the VM
 * metadata service) never leave the machine.
 */
@ApplicationScoped
public class IngestionStandIn {

    /** A well-formed key; the stand-in accepts any. */
    static final String INSTRUMENTATION_KEY = "00000000-0000-4000-8000-000000000001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> ITEMS = new CopyOnWriteArrayList<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    /** Starts the endpoint once per JVM; the connection string that points the exporter at it. */
    static synchronized String connectionString() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                AUTHORIZATIONS.add(authorization == null ? "" : authorization);
                int received = read(exchange.getRequestBody(),
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")));
                byte[] answer = ("{\"itemsReceived\":" + received + ",\"itemsAccepted\":" + received
                        + ",\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return "InstrumentationKey=" + INSTRUMENTATION_KEY + ";IngestionEndpoint=" + endpoint
                + ";LiveEndpoint=" + endpoint;
    }

    /** Every telemetry item received so far. */
    static List<JsonNode> items() {
        return List.copyOf(ITEMS);
    }

    /** The Authorization header of every request received ("" when none). */
    static List<String> authorizations() {
        return List.copyOf(AUTHORIZATIONS);
    }

    private static int read(InputStream body, boolean gzip) throws IOException {
        int count = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                gzip ? new GZIPInputStream(body) : body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    ITEMS.add(JSON.readTree(line));
                    count++;
                }
            }
        }
        return count;
    }

    /** The exporter's HTTP client: the SDK's default, refusing any host but loopback. */
    @Produces
    @Singleton
    @Identifier(AzureMonitorExport.HTTP_CLIENT)
    HttpClient loopbackOnly() {
        HttpClient delegate = HttpClient.createDefault();
        return new HttpClient() {
            @Override
            public Mono<HttpResponse> send(HttpRequest request) {
                return send(request, Context.NONE);
            }

            @Override
            public Mono<HttpResponse> send(HttpRequest request, Context context) {
                return loopback(request) ? delegate.send(request, context)
                        : Mono.error(new IOException("test: " + request.getUrl().getHost() + " is not loopback"));
            }

            @Override
            public HttpResponse sendSync(HttpRequest request, Context context) {
                if (!loopback(request)) {
                    throw new UncheckedIOException(new IOException("test: " + request.getUrl().getHost()
                            + " is not loopback"));
                }
                return delegate.sendSync(request, context);
            }
        };
    }

    private static boolean loopback(HttpRequest request) {
        String host = request.getUrl().getHost();
        return host.equals("127.0.0.1") || host.equals("localhost");
    }
}

package io.reprotect.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.request.HostileBodies;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus through the HTTP API: every request is refused with a 4xx problem+json whose text is in
 * the caller's terms and whose type links to a README anchor that exists. Prints the tally at the end.
 */
@QuarkusTest
class HostileHttpRequestsTest {

    /** Words from the parser and the framework that a caller must never have to read. */
    static final List<String> INTERNALS = List.of("jackson", "feature", "ctrl-char", "@consumes", "resteasy",
            "fasterxml", "streamreadconstraints", "exception", "java.", "`");
    static final String VALID = "{" + HostileBodies.VALID_FIELDS + "}";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> TALLY = new TreeMap<>();

    /**
     * @param name what the request does wrong
     * @param headers header names and values, in order (a name may repeat)
     * @param body the body bytes
     * @param status the status expected
     */
    record Hostile(String name, List<String> headers, byte[] body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HostileBodies> bodies() {
        return HostileBodies.all().stream();
    }

    static Stream<Hostile> framing() {
        List<Hostile> all = new ArrayList<>();
        all.add(new Hostile("no Content-Type", List.of(), fresh(VALID), 415));
        all.add(new Hostile("text/plain", List.of("Content-Type", "text/plain"), fresh(VALID), 415));
        all.add(new Hostile("charset latin-1", List.of("Content-Type", "application/json; charset=ISO-8859-1"), fresh(VALID), 415));
        all.add(new Hostile("charset UTF-16", List.of("Content-Type", "application/json; charset=utf-16"), fresh(VALID), 415));
        all.add(new Hostile("bogus charset", List.of("Content-Type", "application/json; charset=klingon"), fresh(VALID), 415));
        all.add(new Hostile("empty charset", List.of("Content-Type", "application/json; charset="), fresh(VALID), 415));
        all.add(new Hostile("two Content-Type headers", List.of("Content-Type", "application/json",
                "Content-Type", "text/plain"), fresh(VALID), 415));
        all.add(new Hostile("two identical Content-Type headers", List.of("Content-Type", "application/json",
                "Content-Type", "application/json"), fresh(VALID), 415));
        all.add(new Hostile("two media types in one header", List.of("Content-Type", "application/json, text/plain"),
                fresh(VALID), 415));
        all.add(new Hostile("not a media type", List.of("Content-Type", ";;;"), fresh(VALID), 415));
        all.add(new Hostile("JSON patch", List.of("Content-Type", "application/json-patch+json"), fresh(VALID), 415));
        all.add(new Hostile("form", List.of("Content-Type", "application/x-www-form-urlencoded"), fresh(VALID), 415));
        all.add(new Hostile("latin-1 bytes declared as UTF-8", List.of("Content-Type", "application/json"),
                fresh(VALID.replace("westeurope", "west\u00e9urope"), StandardCharsets.ISO_8859_1), 400));
        all.add(new Hostile("truncated UTF-8 sequence", List.of("Content-Type", "application/json"),
                bytes("{\"x\": \"", new byte[] {(byte) 0xC3}, "\"}"), 400));
        all.add(new Hostile("overlong UTF-8 encoding of '/'", List.of("Content-Type", "application/json"),
                bytes("{\"x\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"), 400));
        all.add(new Hostile("UTF-16 bytes declared as UTF-8", List.of("Content-Type", "application/json"),
                fresh(VALID, StandardCharsets.UTF_16), 400));
        all.add(new Hostile("Idempotency-Key with a control character", List.of("Content-Type", "application/json",
                "Idempotency-Key", "abc\u0007"), fresh(VALID), 400));
        all.add(new Hostile("Idempotency-Key of 300 characters", List.of("Content-Type", "application/json",
                "Idempotency-Key", "k".repeat(300)), fresh(VALID), 400));
        all.add(new Hostile("empty quoted Idempotency-Key", List.of("Content-Type", "application/json",
                "Idempotency-Key", "\"\""), fresh(VALID), 400));
        all.add(new Hostile("body over the server's 64 KiB limit", List.of("Content-Type", "application/json"),
                fresh("{\"x\": \"" + "p".repeat(70_000) + "\"}"), 413));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void hostileBodyIsRefusedWithAProblemNamingTheField(HostileBodies hostile) throws Exception {
        byte[] body = hostile.text().getBytes(StandardCharsets.UTF_8);
        JsonNode problem = refused(hostile.name(), send("POST", "/reprotect",
                List.of("Content-Type", "application/json"), body), body.length > 16 * 1024 ? 413 : 400);
        if (hostile.field() != null && problem.path("status").asInt() == 400) {
            assertThat(problem.path("errors").findValuesAsText("field")).as(hostile.name()).contains(hostile.field());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void hostileHeadersAndEncodingsAreRefusedWithAProblem(Hostile hostile) throws Exception {
        refused(hostile.name(), send("POST", "/reprotect", hostile.headers(), hostile.body()), hostile.status());
    }

    static Stream<String[]> wrongCalls() {
        return Stream.of(new String[] {"GET", "/reprotect", "405"}, new String[] {"PUT", "/reprotect", "405"},
                new String[] {"DELETE", "/jobs/x", "405"}, new String[] {"POST", "/jobs", "404"},
                new String[] {"GET", "/jobs/%00", "404"}, new String[] {"GET", "/nothing-here", "404"},
                new String[] {"POST", "/jobs/" + "x".repeat(500) + "/cancel", "404"});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongCalls")
    void wrongMethodsAndPathsAreProblems(String method, String path, String status) throws Exception {
        refused(method + " " + path, send(method, path, List.of("Content-Type", "application/json"), fresh(VALID)),
                Integer.parseInt(status));
    }

    @AfterAll
    static void tally() {
        System.out.println("Hostile HTTP requests: " + TALLY);
    }

    static JsonNode refused(String name, HttpResponse<String> response, int status) throws Exception {
        int code = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean problem = contentType.startsWith("application/problem+json");
        TALLY.merge(code >= 500 ? "5xx" : code >= 300 ? (problem ? "4xx problem+json" : "4xx other") : "2xx", 1,
                Integer::sum);
        TALLY.merge("total", 1, Integer::sum);
        assertThat(code).as(name + ": " + response.body()).isEqualTo(status);
        assertThat(contentType).as(name).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(ReadmeAnchors.all()).as("README anchor of " + body.path("type").asText())
                .contains(ReadmeAnchors.of(body.path("type").asText()));
        String text = response.body().toLowerCase();
        assertThat(INTERNALS).as(name + " names no internals: " + response.body())
                .noneMatch(text::contains);
        if (status != 503) {
            assertThat(response.headers().firstValue("Retry-After")).as(name + " is final").isEmpty();
        }
        return body;
    }

    static HttpResponse<String> send(String method, String path, List<String> headers, byte[] body) throws Exception {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/"
                + RestAssured.basePath.replaceAll("^/+|/+$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fresh(String template) {
        return fresh(template, StandardCharsets.UTF_8);
    }

    private static byte[] fresh(String template, java.nio.charset.Charset charset) {
        return template.replace("%VM%", HostileBodies.SUB + "/resourceGroups/hostile-rg/providers/"
                + "Microsoft.Compute/virtualMachines/h-" + UUID.randomUUID().toString().substring(0, 12))
                .getBytes(charset);
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }
}

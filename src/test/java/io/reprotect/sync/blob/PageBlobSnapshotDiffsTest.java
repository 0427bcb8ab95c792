package io.reprotect.sync.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.models.BlobStorageException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.reprotect.pipeline.RetryableStageException;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.SnapshotDiffs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request {@link PageBlobSnapshotDiffs} sends and how it reads Azure's answers, against a JDK
 * HTTP stub that answers as the Blob service does (XML page list, error codes in
 * {@code x-ms-error-code}).
 */
class PageBlobSnapshotDiffsTest {

    private static final String PREVIOUS = "https://md-abc.z1.blob.storage.azure.net/xyz/abcd?snapshot=2026-01-01T00:00:00.0000000Z&sv=2018-03-28&sr=b&sig=old";

    private record Recorded(String query, Headers headers) {
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status;
    private volatile String errorCode;
    private volatile String body;
    /** Answers by the request's {@code marker} ("" for none); {@link #body} when none is set. */
    private final java.util.Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()));
            String query = exchange.getRequestURI().getRawQuery();
            String marker = query.contains("marker=") ? java.net.URLDecoder.decode(
                    query.replaceAll(".*marker=([^&]*).*", "$1"), StandardCharsets.UTF_8) : "";
            byte[] bytes = pages.getOrDefault(marker, body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("x-ms-request-id", "stub");
            exchange.getResponseHeaders().add("x-ms-blob-content-length", "1073741824");
            if (errorCode != null) {
                exchange.getResponseHeaders().add("x-ms-error-code", errorCode);
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private String snapshotUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/md-abc/xyz/abcd?snapshot=2026-01-02T00:00:00.0000000Z&sv=2018-03-28&sr=b&sig=new";
    }

    private void answer(int newStatus, String code, String newBody) {
        status = newStatus;
        errorCode = code;
        body = newBody;
    }

    private static String error(String code) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>m</Message></Error>";
    }

    @Test
    void asksTheWindowWithThePreviousSnapshotUrlAndReadsChangedAndClearedRanges() {
        answer(200, null, "<?xml version=\"1.0\" encoding=\"utf-8\"?><PageList>"
                + "<PageRange><Start>0</Start><End>4095</End></PageRange>"
                + "<ClearRange><Start>8192</Start><End>16383</End></ClearRange>"
                + "<PageRange><Start>1048576</Start><End>2097151</End></PageRange></PageList>");

        SnapshotDiffs.Diff diff = new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS, new ByteRange(0, 1 << 30 >> 2));

        assertEquals(List.of(new ByteRange(0, 4096), ByteRange.between(1 << 20, 2 << 20)), diff.changed());
        assertEquals(List.of(ByteRange.between(8192, 16384)), diff.cleared());
        Recorded sent = requests.get(0);
        assertTrue(sent.query().contains("comp=pagelist"), sent.query());
        assertTrue(sent.query().contains("snapshot=2026-01-02"), sent.query());
        assertEquals(PREVIOUS, sent.headers().getFirst("x-ms-previous-snapshot-url"));
        assertEquals("bytes=0-268435455", sent.headers().getFirst("x-ms-range"));
    }

    @Test
    void followsEveryNextMarkerUntilTheServiceSendsNone() {
        String head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><PageList>";
        answer(200, null, null);
        pages.put("", head + "<PageRange><Start>0</Start><End>4095</End></PageRange>"
                + "<ClearRange><Start>8192</Start><End>12287</End></ClearRange><NextMarker>2!m1</NextMarker></PageList>");
        pages.put("2!m1", head + "<PageRange><Start>16384</Start><End>20479</End></PageRange>"
                + "<NextMarker>2!m2</NextMarker></PageList>");
        pages.put("2!m2", head + "<ClearRange><Start>24576</Start><End>28671</End></ClearRange>"
                + "<PageRange><Start>32768</Start><End>36863</End></PageRange><NextMarker /></PageList>");

        SnapshotDiffs.Diff diff = new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS, new ByteRange(0, 1 << 20));

        assertEquals(List.of(new ByteRange(0, 4096), new ByteRange(16384, 4096), new ByteRange(32768, 4096)),
                diff.changed());
        assertEquals(List.of(new ByteRange(8192, 4096), new ByteRange(24576, 4096)), diff.cleared());
        assertEquals(3, requests.size(), "one request per answer");
        for (Recorded sent : requests) {
            assertEquals(PREVIOUS, sent.headers().getFirst("x-ms-previous-snapshot-url"), "every page is of the same diff");
            assertEquals("bytes=0-1048575", sent.headers().getFirst("x-ms-range"));
        }
        assertFalse(requests.get(0).query().contains("marker="), requests.get(0).query());
        assertTrue(java.net.URLDecoder.decode(requests.get(2).query(), StandardCharsets.UTF_8).contains("marker=2!m2"),
                requests.get(2).query());
    }

    @Test
    void aBaseThatIsGoneNotIncrementalOrOfARecreatedDiskBreaksTheChain() {
        for (String code : List.of("PreviousSnapshotNotFound", "PreviousSnapshotOperationNotSupported",
                "BlobGenerationMismatch")) {
            answer(409, code, error(code));
            SnapshotDiffs.PreviousSnapshotGoneException e = assertThrows(SnapshotDiffs.PreviousSnapshotGoneException.class,
                    () -> new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS, new ByteRange(0, 512)));
            assertTrue(e.getMessage().contains(code), e.getMessage());
            assertFalse(e.getMessage().contains("sig="), "no SAS in the message: " + e.getMessage());
        }
    }

    @Test
    void throttlingIsRetryableAfterTheServiceRetriedItAFewTimes() {
        answer(503, "ServerBusy", error("ServerBusy"));
        RetryableStageException e = assertThrows(RetryableStageException.class,
                () -> new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS, new ByteRange(0, 512)));
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertEquals(3, requests.size(), "the SDK tried three times before giving up");
    }

    @Test
    void aRefusedSasIsLeftToTheClassifierAsAPermanentError() {
        answer(403, "AuthenticationFailed", error("AuthenticationFailed"));
        BlobStorageException e = assertThrows(BlobStorageException.class,
                () -> new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS, new ByteRange(0, 512)));
        assertEquals(403, e.getStatusCode());
    }

    @Test
    void aWindowLargerThanTheLimitIsRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> new PageBlobSnapshotDiffs().diff(snapshotUrl(), PREVIOUS,
                new ByteRange(0, SnapshotDiffs.MAX_WINDOW_BYTES + 512)));
        assertTrue(requests.isEmpty());
    }
}

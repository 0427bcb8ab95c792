package io.reprotect.sync.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.specialized.PageBlobClient;
import com.azure.storage.blob.specialized.SpecializedBlobClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azurite answers 501 to Put Page From URL, so the request shape is checked against a JDK HTTP
 * stub that records what the SDK sends and answers like the service (201 Created).
 */
class FromUrlPageWriterTest {

    private static final String SOURCE_URL =
            "https://src.blob.core.windows.net/disks/os.vhd?snapshot=2026-01-01T00:00:00.0000000Z&sv=2025&sig=abc";

    private record Recorded(String method, String path, String query, Headers headers, int bodyBytes) {
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private PageBlobClient replica;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int body = exchange.getRequestBody().readAllBytes().length;
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), exchange.getRequestHeaders(), body));
            exchange.getResponseHeaders().add("ETag", "\"0x8D0\"");
            exchange.getResponseHeaders().add("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT");
            exchange.getResponseHeaders().add("x-ms-blob-sequence-number", "0");
            exchange.getResponseHeaders().add("x-ms-request-id", "stub");
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        replica = new SpecializedBlobClientBuilder()
                .endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/replicaacct/disks/os.vhd")
                .credential(new StorageSharedKeyCredential("replicaacct", AzuriteLauncher.DEV_KEY))
                .buildPageBlobClient();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void putPageFromUrlCopiesTheSameRangeServerSideWithoutABody() {
        PageWriter writer = PageWriterKind.parse("from-url").create(replica, SOURCE_URL);

        writer.writePages(ByteRange.between(4096, 8192), null);

        assertFalse(writer.needsSourceBytes());
        Recorded put = requests.get(0);
        assertEquals("PUT", put.method());
        assertEquals("/replicaacct/disks/os.vhd", put.path());
        assertTrue(put.query().contains("comp=page"), put.query());
        assertEquals("update", put.headers().getFirst("x-ms-page-write"));
        assertEquals("bytes=4096-8191", put.headers().getFirst("x-ms-range"));
        assertEquals("bytes=4096-8191", put.headers().getFirst("x-ms-source-range"));
        assertEquals(SOURCE_URL, put.headers().getFirst("x-ms-copy-source"));
        assertEquals("0", put.headers().getFirst("Content-Length"));
        assertEquals(0, put.bodyBytes());
        assertTrue(put.headers().getFirst("Authorization").startsWith("SharedKey replicaacct:"));
    }

    @Test
    void clearPagesSendsAClearWriteForTheRange() {
        PageWriterKind.FROM_URL.create(replica, SOURCE_URL).clearPages(ByteRange.between(0, 1024 * 1024));

        Recorded clear = requests.get(0);
        assertEquals("PUT", clear.method());
        assertEquals("clear", clear.headers().getFirst("x-ms-page-write"));
        assertEquals("bytes=0-1048575", clear.headers().getFirst("x-ms-range"));
        assertEquals(null, clear.headers().getFirst("x-ms-copy-source"));
    }

    @Test
    void theWriterIsChosenByConfigurationValue() {
        assertTrue(PageWriterKind.parse("local").create(replica, null) instanceof LocalPageWriter);
        assertTrue(PageWriterKind.parse("from-url").create(replica, SOURCE_URL) instanceof FromUrlPageWriter);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PageWriterKind.parse("rsync"));
        assertTrue(unknown.getMessage().contains("reprotect.sync.writer"));
        assertThrows(IllegalArgumentException.class, () -> PageWriterKind.FROM_URL.create(replica, null));
    }
}

package io.reprotect.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The kinds the cost model prices: each request shape the app sends lands in the kind Azure bills it as. */
class CallMeterTest {

    final CallMeter meter = new CallMeter("jobs-1");
    static final String BLOB = "http://127.0.0.1:10000/primaryregion/replicas/disk0.vhd";

    private static HttpRequest request(HttpMethod method, String url, String... headers) {
        HttpRequest r = new HttpRequest(method, url);
        for (int i = 0; i < headers.length; i += 2) {
            r.setHeader(HttpHeaderName.fromString(headers[i]), headers[i + 1]);
        }
        return r;
    }

    @Test
    void armCallsCountByMethod() {
        assertThat(meter.kind(request(HttpMethod.PUT, "http://127.0.0.1:8089/subscriptions/s/resourceGroups/g"
                + "/providers/Microsoft.Compute/snapshots/x?api-version=2024-03-02"))).isEqualTo("arm PUT");
    }

    @Test
    void pageWritesAreToldApartByTheirHeaders() {
        assertThat(meter.kind(request(HttpMethod.PUT, BLOB + "?comp=page", "x-ms-page-write", "update",
                "x-ms-copy-source", "https://a/b?sig=x"))).isEqualTo("put page from url");
        assertThat(meter.kind(request(HttpMethod.PUT, BLOB + "?comp=page", "x-ms-page-write", "update")))
                .isEqualTo("put page");
        assertThat(meter.kind(request(HttpMethod.PUT, BLOB + "?comp=page", "x-ms-page-write", "clear")))
                .isEqualTo("clear pages");
    }

    @Test
    void snapshotsAndDiffsAreTheirOwnKinds() {
        assertThat(meter.kind(request(HttpMethod.PUT, BLOB + "?comp=snapshot"))).isEqualTo("blob snapshot create");
        assertThat(meter.kind(request(HttpMethod.DELETE, BLOB + "?snapshot=2026-11-28T06:00:00Z")))
                .isEqualTo("blob snapshot delete");
        assertThat(meter.kind(request(HttpMethod.GET, BLOB + "?comp=pagelist&snapshot=t2",
                "x-ms-previous-snapshot-url", "https://a/b?snapshot=t1"))).isEqualTo("get page ranges diff");
        assertThat(meter.kind(request(HttpMethod.GET, BLOB + "?comp=pagelist"))).isEqualTo("get page ranges");
    }

    @Test
    void theJobStoresBlobsCountAsJobStoreReadsAndWrites() {
        String job = "http://127.0.0.1:10000/devstoreaccount1/jobs-1/jobs/abc.json";
        assertThat(meter.kind(request(HttpMethod.GET, job))).isEqualTo("job store read");
        assertThat(meter.kind(request(HttpMethod.PUT, job, "x-ms-blob-type", "BlockBlob"))).isEqualTo("job store write");
        assertThat(meter.kind(request(HttpMethod.GET, "http://127.0.0.1:10000/devstoreaccount1/jobs-1?restype=container"
                + "&comp=list"))).isEqualTo("job store list");
    }

    static final String ARM = "http://127.0.0.1:8089/subscriptions/s";
    static final String DISK_OPERATION = ARM + "/providers/Microsoft.Compute/locations/westeurope/DiskOperations/op1";
    static final String VM_OPERATION = ARM + "/providers/Microsoft.Compute/locations/WestEurope/operations/op2";

    @Test
    void anOperationPolledWithinTheExecutionThatStartedItWasAwaitedInProcess() {
        AtomicLong executions = new AtomicLong();
        meter.countExecutionsWith(executions::get);
        send(request(HttpMethod.POST, ARM + "/resourceGroups/g/providers/Microsoft.Compute/snapshots/x/beginGetAccess"),
                202, DISK_OPERATION + "?api-version=2024-03-02");
        send(request(HttpMethod.GET, DISK_OPERATION + "?api-version=2024-03-02"), 200, null);
        send(request(HttpMethod.GET, DISK_OPERATION + "?api-version=2024-03-02"), 200, null);
        assertThat(meter.count("lro started disk")).isEqualTo(1);
        assertThat(meter.count("lro awaited disk")).isEqualTo(1);
        assertThat(meter.count("lro poll in-process disk")).isEqualTo(2);
    }

    @Test
    void anOperationFirstPolledInALaterExecutionWasNotWaitedFor() {
        AtomicLong executions = new AtomicLong();
        meter.countExecutionsWith(executions::get);
        send(request(HttpMethod.PUT, ARM + "/resourceGroups/g/providers/Microsoft.Compute/restorePointCollections/c"
                + "/restorePoints/p"), 201, VM_OPERATION + "?api-version=2024-03-01");
        executions.incrementAndGet();
        send(request(HttpMethod.GET, VM_OPERATION + "?api-version=2024-03-01"), 200, null);
        assertThat(meter.count("lro checked later compute")).isEqualTo(1);
        assertThat(meter.count("lro awaited compute")).isZero();
        assertThat(meter.count("lro poll in-process compute")).isZero();
    }

    @Test
    void aBenchmarksOwnLookUpsAreNotCountedAsTheApps() {
        String job = "http://127.0.0.1:10000/devstoreaccount1/jobs-1/jobs/abc.json";
        meter.uncounted(() -> {
            send(request(HttpMethod.GET, job), 200, null);
            return null;
        });
        send(request(HttpMethod.GET, job), 200, null);
        assertThat(meter.count("job store read")).isEqualTo(1);
    }

    /** Sends {@code r} through a pipeline holding the meter to an answer with {@code status} naming {@code operation}. */
    private void send(HttpRequest r, int status, String operation) {
        HttpHeaders headers = new HttpHeaders();
        if (operation != null) {
            headers.set(HttpHeaderName.fromString("Azure-AsyncOperation"), operation);
        }
        new HttpPipelineBuilder().policies(meter).httpClient(req -> Mono.just(new Answer(req, status, headers)))
                .build().sendSync(r, Context.NONE).close();
    }

    /** A bodiless answer. */
    static final class Answer extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;

        Answer(HttpRequest request, int status, HttpHeaders headers) {
            super(request);
            this.status = status;
            this.headers = headers;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }
}

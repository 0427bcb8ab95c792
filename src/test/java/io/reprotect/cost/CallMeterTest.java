package io.reprotect.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import org.junit.jupiter.api.Test;

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
}

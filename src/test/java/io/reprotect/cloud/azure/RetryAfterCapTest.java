package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Retry-After of long-running operations: honoured in Azure, capped only when configured (the stand-in). */
class RetryAfterCapTest {

    /** A response without a body. */
    static final class Empty extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;

        Empty(HttpRequest request, int status, HttpHeaders headers) {
            super(request);
            this.status = status;
            this.headers = headers;
        }

        public int getStatusCode() {
            return status;
        }

        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        public HttpHeaders getHeaders() {
            return headers;
        }

        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }

    private static HttpResponse send(Duration cap, int status, String retryAfter) {
        HttpPipelineBuilder builder = new HttpPipelineBuilder().httpClient(request -> Mono.just(
                new Empty(request, status, new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, retryAfter))));
        if (cap != null) {
            builder.policies(new RetryAfterCap(cap));
        }
        HttpPipeline pipeline = builder.build();
        return pipeline.sendSync(new HttpRequest(HttpMethod.GET, "http://127.0.0.1/op"), com.azure.core.util.Context.NONE);
    }

    @Test
    void storagesSeventeenSecondsAreCappedLocallyAndHonouredOtherwise() {
        assertEquals("0", send(Duration.ofMillis(100), 202, "17").getHeaderValue(HttpHeaderName.RETRY_AFTER));
        assertEquals("5", send(Duration.ofSeconds(5), 202, "17").getHeaderValue(HttpHeaderName.RETRY_AFTER));
        assertEquals("17", send(null, 202, "17").getHeaderValue(HttpHeaderName.RETRY_AFTER));
        assertEquals("0", send(Duration.ofMillis(100), 200, "0").getHeaderValue(HttpHeaderName.RETRY_AFTER));
    }

    @Test
    void throttlingIsNeverCapped() {
        assertEquals("17", send(Duration.ofMillis(100), 429, "17").getHeaderValue(HttpHeaderName.RETRY_AFTER));
    }
}

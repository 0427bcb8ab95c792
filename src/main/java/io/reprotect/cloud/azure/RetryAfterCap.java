package io.reprotect.cloud.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import java.nio.charset.Charset;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps the {@code Retry-After} of successful (2xx) responses, which the SDK's long-running-operation
 * poller waits for before each poll. Only for the local stand-in: Azure's Retry-After is honoured
 * in production (no cap is configured), but the stand-in answers as Storage does ({@code 17} s on a
 * storage account creation) and a local run need not wait that long. 429 responses are untouched.
 */
final class RetryAfterCap implements HttpPipelinePolicy {

    private final long maxSeconds;

    RetryAfterCap(Duration max) {
        this.maxSeconds = max.toSeconds();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(this::cap);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return cap(next.processSync());
    }

    private HttpResponse cap(HttpResponse response) {
        String value = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
        int status = response.getStatusCode();
        if (status < 200 || status >= 300 || value == null || !value.trim().matches("\\d+")
                || Long.parseLong(value.trim()) <= maxSeconds) {
            return response;
        }
        return new Capped(response, String.valueOf(maxSeconds));
    }

    /** The response with another Retry-After; everything else is the original's. */
    private static final class Capped extends HttpResponse {
        private final HttpResponse inner;
        private final HttpHeaders headers;

        Capped(HttpResponse inner, String retryAfter) {
            super(inner.getRequest());
            this.inner = inner;
            this.headers = new HttpHeaders(inner.getHeaders()).set(HttpHeaderName.RETRY_AFTER, retryAfter);
        }

        @Override
        public int getStatusCode() {
            return inner.getStatusCode();
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public String getHeaderValue(HttpHeaderName name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<java.nio.ByteBuffer> getBody() {
            return inner.getBody();
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return inner.getBodyAsBinaryData();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return inner.getBodyAsByteArray();
        }

        @Override
        public Mono<String> getBodyAsString() {
            return inner.getBodyAsString();
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return inner.getBodyAsString(charset);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

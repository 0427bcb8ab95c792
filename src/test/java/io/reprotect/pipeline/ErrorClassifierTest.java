package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ErrorClassifierTest {

    static HttpResponseException http(int status, String retryAfter) {
        HttpRequest request = new HttpRequest(HttpMethod.PUT,
                "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d1");
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set("Retry-After", retryAfter);
        }
        HttpResponse response = new HttpResponse(request) {
            public int getStatusCode() {
                return status;
            }

            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            public HttpHeaders getHeaders() {
                return headers;
            }

            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.empty();
            }

            public Mono<String> getBodyAsString() {
                return Mono.empty();
            }

            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
            }
        };
        return new HttpResponseException("status " + status, response);
    }

    @Test
    void throttlingIsRetriedAfterTheServersRetryAfter() {
        Outcome outcome = ErrorClassifier.classify(http(429, "17")).orElseThrow();
        assertThat(outcome).isEqualTo(new Outcome.RetryLater(Duration.ofSeconds(17),
                "HTTP 429 from PUT /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d1"));
    }

    @Test
    void serverErrorsTimeoutsAndLostRacesAreRetried() {
        assertThat(ErrorClassifier.classify(http(503, null))).containsInstanceOf(Outcome.RetryLater.class);
        assertThat(ErrorClassifier.classify(http(412, null))).containsInstanceOf(Outcome.RetryLater.class);
        assertThat(ErrorClassifier.classify(new UncheckedIOException(new SocketTimeoutException("read timed out"))))
                .containsInstanceOf(Outcome.RetryLater.class);
    }

    @Test
    void forbiddenFailsNamingTheRoleToAssign() {
        Outcome.Fail fail = (Outcome.Fail) ErrorClassifier.classify(http(403, null)).orElseThrow();
        assertThat(fail.error().code()).isEqualTo("AuthorizationFailed");
        assertThat(fail.error().recommendedAction()).contains("VM Reprotect Operator");
    }

    @Test
    void unexpectedFailuresAreLeftToTheQueue() {
        assertThat(ErrorClassifier.classify(new IllegalStateException("bug"))).isEmpty();
    }
}

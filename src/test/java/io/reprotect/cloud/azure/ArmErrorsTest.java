package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ArmErrorsTest {

    @Test
    void linkedAuthorizationFailureNamesTheLinkedAction() {
        String message = "The client 'x' with object id 'y' has permission to perform action "
                + "'Microsoft.Compute/snapshots/write' on scope '/a'; however, it does not have permission to perform "
                + "action(s) 'Microsoft.Compute/disks/beginGetAccess/action' on the linked scope(s) '/b' or the linked "
                + "scope(s) are invalid.";
        assertEquals("Microsoft.Compute/disks/beginGetAccess/action", ArmErrors.missingAction(message));
    }

    @Test
    void messageWithoutActionNamesNone() {
        assertNull(ArmErrors.missingAction("InvalidAuthenticationToken: the token is expired"));
    }

    @Test
    void retryAfterAsHttpDateIsTheTimeUntilThen() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(40));
        Duration d = ArmErrors.retryAfter(response(new HttpHeaders().set("Retry-After", at)));
        assertTrue(d.toSeconds() >= 38 && d.toSeconds() <= 40, d.toString());
    }

    @Test
    void retryAfterInMillisecondsWins() {
        assertEquals(Duration.ofMillis(1500), ArmErrors.retryAfter(response(new HttpHeaders()
                .set("Retry-After", "9").set("x-ms-retry-after-ms", "1500"))));
    }

    @Test
    void throttlingWithoutRetryAfterWaitsTheDefault() {
        assertEquals(ArmErrors.DEFAULT_THROTTLE_DELAY, ArmErrors.retryAfter(response(new HttpHeaders())));
    }

    private static HttpResponse response(HttpHeaders headers) {
        return new HttpResponse(new HttpRequest(HttpMethod.GET, "http://127.0.0.1/")) {
            @Override
            public int getStatusCode() {
                return 429;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(name);
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
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
            }
        };
    }
}

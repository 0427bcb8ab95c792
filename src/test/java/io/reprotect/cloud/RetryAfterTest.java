package io.reprotect.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** One reading of "retry after" for every Azure response the app gets, in azure-core's order. */
class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void millisecondHeadersWinOverRetryAfterAsInAzureCore() {
        HttpHeaders all = new HttpHeaders().set("Retry-After", "30").set("retry-after-ms", "1500")
                .set("x-ms-retry-after-ms", "250");
        assertThat(RetryAfter.from(all, NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.from(new HttpHeaders().set("Retry-After", "30").set("retry-after-ms", "1500"), NOW))
                .contains(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.from(new HttpHeaders().set("Retry-After", "17"), NOW)).contains(Duration.ofSeconds(17));
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(42).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.from(new HttpHeaders().set("Retry-After", at), NOW)).contains(Duration.ofSeconds(42));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.from(new HttpHeaders().set("Retry-After", past), NOW)).contains(Duration.ZERO);
    }

    @Test
    void nothingUsableIsEmpty() {
        assertThat(RetryAfter.from(new HttpHeaders(), NOW)).isEmpty();
        assertThat(RetryAfter.from(new HttpHeaders().set("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(RetryAfter.from(new HttpHeaders().set("x-ms-retry-after-ms", "-1").set("Retry-After", "3"), NOW))
                .as("a malformed header is skipped, not fatal").contains(Duration.ofSeconds(3));
    }
}

package io.reprotect.cloud;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reading of an Azure response's "retry after" headers, in azure-core's order (its {@code RetryPolicy}
 * reads them so; the helper it uses is not public API): {@code x-ms-retry-after-ms}, then {@code retry-after-ms}
 * (milliseconds), then {@code Retry-After} (seconds, or an HTTP date). ARM and Storage send {@code Retry-After}
 * in seconds; some services send the millisecond headers, which are more precise, so they win.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay the response asks for, never negative; empty when it names none (or none that parses). */
    public static Optional<Duration> from(HttpHeaders headers, Instant now) {
        if (headers == null) {
            return Optional.empty();
        }
        for (HttpHeaderName ms : new HttpHeaderName[] {HttpHeaderName.X_MS_RETRY_AFTER_MS, HttpHeaderName.RETRY_AFTER_MS}) {
            Optional<Long> millis = number(headers.getValue(ms));
            if (millis.isPresent()) {
                return Optional.of(Duration.ofMillis(millis.get()));
            }
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(seconds.get()));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value.trim(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String value) {
        if (value == null || !value.trim().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value.trim()));
    }
}

package io.reprotect.api;

import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header): a Structured
 * Field string, {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}; the bare form without quotes is accepted too.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    /** Longest key accepted; a UUID has 36 characters. */
    static final int MAX_CHARS = 255;
    /** Visible ASCII and space, as an sf-string allows (quotes and backslashes only escaped). */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{1," + MAX_CHARS + "}");

    private IdempotencyKey() {
    }

    /** @return the key, or null when the header is absent */
    static String parse(String header) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (key.isBlank() || !VALUE.matcher(key).matches()) {
            throw new InvalidRequestException(List.of(new FieldError(HEADER,
                    "must be 1 to " + MAX_CHARS + " visible ASCII characters, like a UUID")));
        }
        return key;
    }
}

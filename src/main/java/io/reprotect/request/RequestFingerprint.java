package io.reprotect.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reprotect.job.Hashes;
import java.util.Locale;

/**
 * The fingerprint of a validated request, as the IETF Idempotency-Key draft asks a server to keep with the
 * key: SHA-256 of the canonical request (defaults applied, fields sorted, ids and region lowercased, since
 * ARM treats ids case-insensitively). Two bodies that mean the same request have the same fingerprint.
 */
public final class RequestFingerprint {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestFingerprint() {
    }

    public static String of(ReprotectRequest request) {
        try {
            return Hashes.sha256Hex(CANONICAL.writeValueAsString(request).toLowerCase(Locale.ROOT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request always serializes", e);
        }
    }
}

package io.reprotect.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    /** @param request a request as its job record stores it */
    public static String of(JsonNode request) {
        try {
            // as maps, so that ORDER_MAP_ENTRIES_BY_KEYS sorts every level
            Object canonical = CANONICAL.treeToValue(request, Object.class);
            return Hashes.sha256Hex(CANONICAL.writeValueAsString(canonical).toLowerCase(Locale.ROOT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request always serializes", e);
        }
    }
}

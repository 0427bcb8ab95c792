package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to the stand-in: method, decoded path split into segments, query and JSON body.
 *
 * @param segments path segments after {@code /subscriptions/{sub}} (empty for other paths)
 */
record ArmRequest(String method, String path, Map<String, String> query, JsonNode body, String subscriptionId,
                  List<String> segments) {

    String apiVersion() {
        return query.getOrDefault("api-version", "");
    }

    /** Segment {@code i} lower-cased, or "" when the path is shorter. */
    String keyword(int i) {
        return i < segments.size() ? segments.get(i).toLowerCase(Locale.ROOT) : "";
    }

    String segment(int i) {
        return i < segments.size() ? segments.get(i) : "";
    }
}

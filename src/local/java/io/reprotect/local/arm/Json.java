package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Small helpers for the stand-in's ARM JSON. */
final class Json {

    private Json() {
    }

    /** A tracked resource: id, name, type, location (normalised as ARM does), tags, empty properties. */
    static ObjectNode resource(String id, String name, String type, String location, JsonNode tags) {
        ObjectNode n = ArmResponse.JSON.createObjectNode();
        n.put("id", id).put("name", name).put("type", type).put("location", normaliseRegion(location));
        n.set("tags", tags == null || tags.isNull() ? ArmResponse.JSON.createObjectNode() : tags.deepCopy());
        n.putObject("properties").put("timeCreated", Instant.now().toString());
        return n;
    }

    static ObjectNode tags(Map<String, String> tags) {
        ObjectNode n = ArmResponse.JSON.createObjectNode();
        tags.forEach(n::put);
        return n;
    }

    /** "West Europe" and "westeurope" are the same region to ARM. */
    static String normaliseRegion(String region) {
        return region == null ? null : region.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    static ObjectNode props(ObjectNode resource) {
        return (ObjectNode) resource.get("properties");
    }

    static String at(JsonNode node, String pointer) {
        JsonNode v = node == null ? null : node.at(pointer);
        return v == null || v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** Applies the tags of a PUT body to an existing resource, as an ARM update does. */
    static void updateTags(ObjectNode existing, JsonNode body) {
        if (body != null && body.has("tags")) {
            existing.set("tags", body.get("tags").deepCopy());
        }
    }
}

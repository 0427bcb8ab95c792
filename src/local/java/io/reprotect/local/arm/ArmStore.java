package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The stand-in's state: resources by id (ARM ids are case-insensitive), blobs, creation counters. */
final class ArmStore {

    private final Map<String, ObjectNode> resources = new ConcurrentHashMap<>();
    private final Map<String, DiskBlobs.BlobRef> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    ObjectNode get(String id) {
        return resources.get(key(id));
    }

    /** Stores {@code resource} under its "id"; counts a creation when nothing was stored there. */
    void put(ObjectNode resource) {
        String id = resource.get("id").asText();
        if (resources.put(key(id), resource) == null) {
            created.computeIfAbsent(key(resource.get("type").asText()), t -> new AtomicInteger()).incrementAndGet();
        }
    }

    void remove(String id) {
        resources.remove(key(id));
        blobs.remove(key(id));
    }

    List<ObjectNode> ofType(String type) {
        return resources.values().stream().filter(r -> r.get("type").asText().equalsIgnoreCase(type)).toList();
    }

    /** Every resource id, sorted, for a person inspecting the stand-in. */
    List<String> ids() {
        return new TreeMap<>(resources).values().stream().map(r -> r.get("id").asText()).toList();
    }

    int createdCount(String type) {
        AtomicInteger n = created.get(key(type));
        return n == null ? 0 : n.get();
    }

    void putBlob(String id, DiskBlobs.BlobRef ref) {
        blobs.put(key(id), ref);
    }

    DiskBlobs.BlobRef blob(String id) {
        return blobs.get(key(id));
    }

    /** Everything held, as JSON (resources, blob references, creation counts), for {@link StandInState}. */
    ObjectNode toJson() {
        ObjectNode state = ArmResponse.JSON.createObjectNode();
        var list = state.putArray("resources");
        new TreeMap<>(resources).values().forEach(r -> list.add(r.deepCopy()));
        ObjectNode refs = state.putObject("blobs");
        new TreeMap<>(blobs).forEach((id, ref) -> refs.set(id, ArmResponse.JSON.valueToTree(ref)));
        ObjectNode counts = state.putObject("created");
        new TreeMap<>(created).forEach((type, n) -> counts.put(type, n.get()));
        return state;
    }

    /** Replaces what is held with {@code state} (from {@link #toJson()}). */
    void restore(JsonNode state) {
        resources.clear();
        blobs.clear();
        created.clear();
        state.path("resources").forEach(r -> resources.put(key(r.get("id").asText()), (ObjectNode) r.deepCopy()));
        state.path("blobs").fields().forEachRemaining(e -> blobs.put(e.getKey(),
                ArmResponse.JSON.convertValue(e.getValue(), DiskBlobs.BlobRef.class)));
        state.path("created").fields().forEachRemaining(e -> created.put(e.getKey(),
                new AtomicInteger(e.getValue().asInt())));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

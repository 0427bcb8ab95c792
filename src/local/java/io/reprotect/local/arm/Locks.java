package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Management locks of level {@code CanNotDelete}, as Microsoft.Authorization keeps them: a lock on a
 * scope (a resource group or a resource) covers that scope and everything under it, so a DELETE of a
 * locked resource, or of any resource in a locked group, answers 409 {@code ScopeLocked} with ARM's
 * message (see {@link #refusal}) and changes nothing.
 *
 * <p>Also the ARM resource itself: {@code PUT/GET/DELETE {scope}/providers/Microsoft.Authorization/locks/{name}}
 * with {@code properties.level} (the stand-in holds {@code CanNotDelete}; {@code ReadOnly} is refused as not modelled).
 * Lock management is the operator's act, not the engine's: the stand-in serves it outside the engine's
 * role and does not record its actions (the engine's custom role grants no {@code Microsoft.Authorization} action).
 */
public final class Locks {

    /** The only level the stand-in models; ReadOnly locks also refuse writes, which the stand-in does not do. */
    public static final String CAN_NOT_DELETE = "CanNotDelete";
    /** The name {@link #lock(String)} gives a lock. */
    public static final String DEFAULT_NAME = "reprotect-standin-lock";
    static final String TYPE = "Microsoft.Authorization/locks";
    private static final String SEGMENT = "/providers/microsoft.authorization/locks/";

    /** One lock: {@code scope} as given (an ARM id), {@code name} unique within its scope. */
    public record Lock(String scope, String name, String level, String notes) {

        /** The lock's ARM id: {@code {scope}/providers/Microsoft.Authorization/locks/{name}}. */
        public String id() {
            return scope + "/providers/" + TYPE + "/" + name;
        }
    }

    /** Locks by lower-cased lock id. */
    private final Map<String, Lock> locks = new ConcurrentHashMap<>();

    /** Puts a CanNotDelete lock named {@link #DEFAULT_NAME} on {@code resourceId} (a resource or resource group). */
    public Lock lock(String resourceId) {
        return lock(resourceId, DEFAULT_NAME, "");
    }

    /** Puts (or replaces) the CanNotDelete lock {@code name} on {@code scope}. */
    public Lock lock(String scope, String name, String notes) {
        String trimmed = trimSlash(scope);
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("/subscriptions/") || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a lock needs a scope /subscriptions/... and a name (got scope '"
                    + scope + "', name '" + name + "')");
        }
        Lock lock = new Lock(trimmed, name, CAN_NOT_DELETE, notes == null ? "" : notes);
        locks.put(key(lock.id()), lock);
        return lock;
    }

    /** Removes every lock on exactly {@code resourceId}; how many there were. */
    public int unlock(String resourceId) {
        String scope = key(trimSlash(resourceId));
        List<String> ids = locks.entrySet().stream().filter(e -> key(e.getValue().scope()).equals(scope))
                .map(Map.Entry::getKey).toList();
        ids.forEach(locks::remove);
        return ids.size();
    }

    /** Every lock, sorted by id. */
    public List<Lock> all() {
        return locks.values().stream().sorted(java.util.Comparator.comparing(l -> key(l.id()))).toList();
    }

    void clear() {
        locks.clear();
    }

    /**
     * ARM's answer to a DELETE of {@code path} while a lock covers it, or null. The message is ARM's:
     * {@code The scope '<path>' cannot perform delete operation because following scope(s) are locked:
     * '<lock scope>'. Please remove the lock and try again.} (seen in real 409 ScopeLocked answers).
     */
    ArmResponse refusal(String method, String path) {
        if (!method.equals("DELETE") || isLockPath(path)) {
            return null;
        }
        String target = key(trimSlash(path));
        List<String> scopes = locks.values().stream().map(Lock::scope).distinct()
                .filter(s -> target.equals(key(s)) || target.startsWith(key(s) + "/")).sorted().toList();
        if (scopes.isEmpty()) {
            return null;
        }
        return ArmResponse.error(409, "ScopeLocked", "The scope '" + trimSlash(path) + "' cannot perform delete "
                + "operation because following scope(s) are locked: '" + String.join("','", scopes)
                + "'. Please remove the lock and try again.");
    }

    static boolean isLockPath(String path) {
        return path.toLowerCase(Locale.ROOT).contains(SEGMENT);
    }

    /** The ARM resource {@code {scope}/providers/Microsoft.Authorization/locks/{name}}: GET, PUT, DELETE. */
    ArmResponse handle(ArmRequest r, boolean scopeExists) {
        String path = trimSlash(r.path());
        int at = path.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        String scope = path.substring(0, at);
        String name = path.substring(at + SEGMENT.length());
        if (name.isEmpty() || name.contains("/")) {
            return r.method().equals("GET") && name.isEmpty() ? ArmResponse.ok(list(scope))
                    : ArmStandIn.unsupported(r);
        }
        Lock existing = locks.get(key(path));
        return switch (r.method()) {
            case "GET" -> existing == null ? ArmResponse.error(404, "LockNotFound", "The lock '" + name
                    + "' could not be found.") : ArmResponse.ok(json(existing));
            case "DELETE" -> {
                if (existing == null) {
                    yield ArmResponse.noContent();
                }
                locks.remove(key(path));
                yield ArmResponse.ok(null);
            }
            case "PUT" -> {
                String level = Json.at(r.body(), "/properties/level");
                if (!CAN_NOT_DELETE.equalsIgnoreCase(String.valueOf(level))) {
                    yield ArmResponse.error(400, "LockLevelNotSupportedByStandIn", "The stand-in models locks of "
                            + "level CanNotDelete only (got properties.level '" + level + "').");
                }
                if (!scopeExists) {
                    yield ArmResponse.error(404, "ResourceNotFound", "The scope '" + scope + "' of lock '" + name
                            + "' was not found.");
                }
                Lock lock = lock(scope, name, Json.at(r.body(), "/properties/notes"));
                yield ArmResponse.of(existing == null ? 201 : 200, json(lock));
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    private ObjectNode list(String scope) {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        all().stream().filter(l -> key(l.scope()).equals(key(scope))).forEach(l -> value.add(json(l)));
        return body;
    }

    /** A lock as ARM returns it: id, type, name, properties {level, notes, owners}. */
    static ObjectNode json(Lock lock) {
        ObjectNode node = ArmResponse.JSON.createObjectNode().put("id", lock.id()).put("type", TYPE)
                .put("name", lock.name());
        ObjectNode props = node.putObject("properties").put("level", lock.level());
        if (!lock.notes().isEmpty()) {
            props.put("notes", lock.notes());
        }
        return node;
    }

    static Lock fromJson(JsonNode node) {
        String id = node.path("id").asText();
        int at = id.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        return new Lock(id.substring(0, at), node.path("name").asText(), node.at("/properties/level").asText(),
                node.at("/properties/notes").asText(""));
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}

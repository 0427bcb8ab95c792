package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A storage account's blob service properties, {@code .../storageAccounts/{name}/blobServices/default}, as the
 * Storage resource provider answers them (REST spec example {@code BlobServicesPut.json}): PUT sets the
 * properties given (among them {@code deleteRetentionPolicy {enabled, days}} and {@code isVersioningEnabled}) and
 * answers 200 with {@code id}, {@code name: default}, {@code type}, {@code properties} and the account's
 * {@code sku}; GET answers the same. Only {@code default} exists; {@code days} must be 1 to 365 when enabled
 * (400 otherwise); an account that does not exist answers 404. What the stand-in does not do: Azurite keeps
 * no soft-deleted blobs or versions, so the properties are recorded and answered, not enforced on blobs.
 */
final class BlobServices {

    static final String TYPE = "Microsoft.Storage/storageAccounts/blobServices";
    /** Azure's bounds for {@code deleteRetentionPolicy.days}. */
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 365;

    private final Map<String, ObjectNode> properties = new ConcurrentHashMap<>();

    ArmResponse handle(ArmRequest r, ResourcePath p, ObjectNode account) {
        if (!"default".equals(p.rest(1))) {
            return ArmResponse.error(400, "InvalidResourceName", "The blob service name '" + p.rest(1)
                    + "' is not valid: only 'default' exists.");
        }
        if (account == null) {
            return ArmResponse.notFound(StorageRoutes.ACCOUNT, p.name(), p.resourceGroup());
        }
        String key = p.id().toLowerCase(Locale.ROOT);
        return switch (r.method()) {
            case "GET" -> ArmResponse.ok(body(p, account, properties.getOrDefault(key,
                    ArmResponse.JSON.createObjectNode())));
            case "PUT" -> {
                JsonNode given = r.body() == null ? null : r.body().get("properties");
                if (given == null || !given.isObject()) {
                    yield ArmResponse.error(400, "InvalidRequestContent", "The request content has no properties.");
                }
                JsonNode retention = given.path("deleteRetentionPolicy");
                if (retention.path("enabled").asBoolean(false)) {
                    int days = retention.path("days").asInt(0);
                    if (days < MIN_DAYS || days > MAX_DAYS) {
                        yield ArmResponse.error(400, "InvalidValuesForRequestParameters", "Values for request "
                                + "parameters are invalid: deleteRetentionPolicy.days. The retention days must be "
                                + "between " + MIN_DAYS + " and " + MAX_DAYS + ".");
                    }
                }
                ObjectNode merged = properties.getOrDefault(key, ArmResponse.JSON.createObjectNode()).deepCopy();
                given.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
                properties.put(key, merged);
                yield ArmResponse.ok(body(p, account, merged));
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    /** The properties set on the account, or null when none were. */
    ObjectNode of(String accountId) {
        ObjectNode set = properties.get(accountId.toLowerCase(Locale.ROOT));
        return set == null ? null : set.deepCopy();
    }

    void forget(String accountId) {
        properties.remove(accountId.toLowerCase(Locale.ROOT));
    }

    void clear() {
        properties.clear();
    }

    private static ObjectNode body(ResourcePath p, ObjectNode account, ObjectNode props) {
        ObjectNode node = ArmResponse.JSON.createObjectNode().put("id", p.id() + "/blobServices/default")
                .put("name", "default").put("type", TYPE);
        node.set("properties", props.deepCopy());
        if (account.has("sku")) {
            node.set("sku", account.get("sku").deepCopy());
        }
        return node;
    }
}

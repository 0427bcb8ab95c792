package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Microsoft.Resources: resource groups ({@code /subscriptions/{sub}/resourcegroups/{rg}}). */
final class ResourceGroupRoutes {

    static final String TYPE = "Microsoft.Resources/resourceGroups";
    private final ArmStore store;

    ResourceGroupRoutes(ArmStore store) {
        this.store = store;
    }

    static String id(String sub, String name) {
        return "/subscriptions/" + sub + "/resourceGroups/" + name;
    }

    boolean exists(String sub, String name) {
        return store.get(id(sub, name)) != null;
    }

    ArmResponse handle(ArmRequest r) {
        String name = r.segment(1);
        ObjectNode group = store.get(id(r.subscriptionId(), name));
        return switch (r.method()) {
            case "GET" -> group == null ? ArmResponse.resourceGroupNotFound(name) : ArmResponse.ok(group.deepCopy());
            case "HEAD" -> new ArmResponse(group == null ? 404 : 204, java.util.Map.of(), null);
            case "PUT" -> {
                if (group != null) {
                    Json.updateTags(group, r.body());
                    yield ArmResponse.ok(group.deepCopy());
                }
                String region = Json.at(r.body(), "/location");
                if (region == null) {
                    yield ArmResponse.error(400, "LocationRequired", "The location property is required for this definition.");
                }
                yield ArmResponse.of(201, store.get(create(r.subscriptionId(), name, region, r.body().get("tags"))).deepCopy());
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    String create(String sub, String name, String region, JsonNode tags) {
        ObjectNode group = Json.resource(id(sub, name), name, TYPE, region, tags);
        Json.props(group).removeAll().put("provisioningState", "Succeeded");
        store.put(group);
        return group.get("id").asText();
    }
}

package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * {@code /subscriptions/{sub}/providers/{namespace}/locations/{region}/...}: polls of long-running
 * operations, and the regional reads a region's own resource provider serves (Compute usages and VM
 * sizes), which fail while that region is down (inject with {@link Faults#regionDown}).
 */
final class LocationRoutes {

    private final LongRunningOperations lro;
    private final Set<String> regions;
    private final String endpoint;

    LocationRoutes(LongRunningOperations lro, Set<String> regions, String endpoint) {
        this.lro = lro;
        this.regions = regions;
        this.endpoint = endpoint;
    }

    /** Segments after the subscription: providers, {ns}, locations, {region}, {collection}[, {id}]. */
    ArmResponse handle(ArmRequest r) {
        int n = r.segments().size();
        if (!r.method().equals("GET") || n < 5 || n > 6) {
            return ArmStandIn.unsupported(r);
        }
        String collection = r.keyword(4);
        if (n == 6) {
            String self = endpoint + r.path().substring(1) + "?monitor=true&api-version=" + r.apiVersion();
            return lro.get(collection, r.segment(5), "true".equalsIgnoreCase(r.query().get("monitor")), self);
        }
        if (!r.keyword(1).equals("microsoft.compute")) {
            return ArmStandIn.unsupported(r);
        }
        String region = Json.normaliseRegion(r.segment(3));
        if (!regions.contains(region)) {
            return ArmResponse.error(404, "NoRegisteredProviderFound", "No registered resource provider found for "
                    + "location '" + r.segment(3) + "' and API version '" + r.apiVersion() + "'.");
        }
        return switch (collection) {
            case "usages" -> ArmResponse.ok(usages());
            case "vmsizes" -> ArmResponse.ok(vmSizes());
            default -> ArmStandIn.unsupported(r);
        };
    }

    /** The shape of Compute's Usage_List: value[] of {unit, currentValue, limit, name{value, localizedValue}}. */
    private static ObjectNode usages() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        for (Map.Entry<String, String> quota : Map.of("cores", "Total Regional vCPUs",
                "virtualMachines", "Virtual Machines", "availabilitySets", "Availability Sets").entrySet()) {
            ObjectNode usage = value.addObject().put("unit", "Count").put("currentValue", 0).put("limit", 350);
            usage.putObject("name").put("value", quota.getKey()).put("localizedValue", quota.getValue());
        }
        return body;
    }

    private static ObjectNode vmSizes() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        body.putArray("value").addObject().put("name", "Standard_D2s_v3").put("numberOfCores", 2)
                .put("osDiskSizeInMB", 1047552).put("resourceDiskSizeInMB", 16384).put("memoryInMB", 8192)
                .put("maxDataDiskCount", 4);
        return body;
    }
}

package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response of the stand-in: status, headers and an optional JSON body. */
record ArmResponse(int status, Map<String, String> headers, JsonNode body) {

    static final ObjectMapper JSON = new ObjectMapper();

    static ArmResponse ok(JsonNode body) {
        return new ArmResponse(200, Map.of(), body);
    }

    static ArmResponse of(int status, JsonNode body) {
        return new ArmResponse(status, Map.of(), body);
    }

    static ArmResponse noContent() {
        return new ArmResponse(204, Map.of(), null);
    }

    /** ARM's error shape: {@code {"error":{"code":..,"message":..}}}. */
    static ArmResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new ArmResponse(status, Map.of(), body);
    }

    static ArmResponse notFound(String type, String name, String resourceGroup) {
        return error(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '"
                + resourceGroup + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmResponse resourceGroupNotFound(String resourceGroup) {
        return error(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
    }

    ArmResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ArmResponse(status, h, body);
    }
}

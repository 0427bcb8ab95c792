package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The stand-in's dev-only control surface, on its own port under {@link #PREFIX} (no ARM path starts so),
 * for an operator with curl and for tests: declare a region down or up, put or remove a CanNotDelete lock,
 * inject fault and throttling rules, fail the next start of a VM with AllocationFailed. Answers are JSON;
 * a bad request answers 400 with ARM's error shape and a message that says what to send. Its calls are not
 * ARM calls: they are not recorded as actions and the engine's role does not apply to them.
 *
 * <pre>
 * GET    /_standin                          what is served here, and what is in force
 * GET    /_standin/regions                  the regions and which are down
 * POST   /_standin/regions/{region}/down    declare a region down (POST .../up to end it)
 * GET    /_standin/locks                    every lock
 * PUT    /_standin/locks?resourceId=ID[&amp;name=N]   a CanNotDelete lock on a resource or resource group
 * DELETE /_standin/locks?resourceId=ID      remove the locks on exactly that scope
 * POST   /_standin/faults                   {"method","pathRegex","status","headers","count"}
 * POST   /_standin/faults/throttle          {"method","pathRegex","retryAfterSeconds","count"}: 429s
 * DELETE /_standin/faults                   clear every fault rule and pending failure
 * POST   /_standin/vm-start-failures        {"vmId"}: the next start of that VM ends AllocationFailed
 * PUT    /_standin/throttling               {"enabled": true|false}: Azure's throttling budgets
 * </pre>
 */
final class StandInControl {

    static final String PREFIX = "/_standin";
    private static final Set<String> METHODS = Set.of("*", "GET", "PUT", "POST", "PATCH", "DELETE", "HEAD");
    private static final int MIN_FAULT_STATUS = 400;
    private static final int MAX_FAULT_STATUS = 599;

    /** A request this surface refuses: 400 (or {@code status}) with a message saying what to send. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final ArmStandIn arm;
    private final Set<String> regions;
    private final Runnable changed;

    /** @param changed called after every change (the stand-in saves its state) */
    StandInControl(ArmStandIn arm, Set<String> regions, Runnable changed) {
        this.arm = arm;
        this.regions = regions;
        this.changed = changed;
    }

    void handle(HttpExchange exchange) {
        ArmResponse response;
        try {
            String method = exchange.getRequestMethod();
            List<String> path = Arrays.stream(exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/"))
                    .filter(s -> !s.isEmpty()).toList();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            response = route(method, path, query, bytes);
            if (!method.equals("GET")) {
                changed.run();
            }
        } catch (BadRequest e) {
            response = ArmResponse.error(e.status, e.status == 404 ? "NotFound" : "InvalidControlRequest", e.getMessage());
        } catch (IOException | RuntimeException e) {
            response = ArmResponse.error(500, "InternalServerError", "Stand-in control failure: " + e);
        }
        ArmStandIn.write(exchange, response);
    }

    private ArmResponse route(String method, List<String> path, Map<String, String> query, byte[] body) {
        String first = path.isEmpty() ? "" : path.get(0);
        String route = method + " " + first + (path.size() > 1 ? "/" + String.join("/", path.subList(1, path.size())) : "");
        if (first.equals("regions") && path.size() == 3 && method.equals("POST")) {
            return region(path.get(1), path.get(2));
        }
        return switch (route) {
            case "GET " -> ArmResponse.ok(index());
            case "GET regions" -> ArmResponse.ok(regionsJson());
            case "GET locks" -> ArmResponse.ok(locksJson());
            case "PUT locks" -> putLock(query);
            case "DELETE locks" -> {
                String scope = required(query, "resourceId");
                yield ArmResponse.ok(ArmResponse.JSON.createObjectNode().put("removed", arm.locks().unlock(scope)));
            }
            case "POST faults" -> fault(object(body));
            case "POST faults/throttle" -> throttle(object(body));
            case "DELETE faults" -> {
                arm.faults().clear();
                yield ArmResponse.ok(ArmResponse.JSON.createObjectNode().put("cleared", true));
            }
            case "POST vm-start-failures" -> vmStartFailure(object(body));
            case "PUT throttling" -> throttling(object(body));
            default -> throw new BadRequest(404, "The stand-in's control surface has no " + method + " " + PREFIX + "/"
                    + String.join("/", path) + "; GET " + PREFIX + " lists what it serves.");
        };
    }

    private ArmResponse region(String name, String state) {
        String region = Json.normaliseRegion(name);
        if (!regions.contains(region)) {
            throw new BadRequest(400, "Unknown region '" + name + "': the stand-in serves " + regions + ".");
        }
        switch (state.toLowerCase(Locale.ROOT)) {
            case "down" -> arm.regions().down(region);
            case "up" -> arm.regions().up(region);
            default -> throw new BadRequest(400, "POST " + PREFIX + "/regions/" + name + "/down or /up, not /" + state + ".");
        }
        return ArmResponse.ok(ArmResponse.JSON.createObjectNode().put("name", region).put("down", arm.regions().isDown(region)));
    }

    private ArmResponse putLock(Map<String, String> query) {
        String scope = required(query, "resourceId");
        if (!arm.scopeExists(scope)) {
            throw new BadRequest(404, "No subscription, resource group or resource '" + scope + "' in the stand-in "
                    + "(GET / lists every resource id).");
        }
        String name = query.getOrDefault("name", Locks.DEFAULT_NAME);
        try {
            return ArmResponse.ok(Locks.json(arm.locks().lock(scope, name, "added through " + PREFIX)));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
    }

    private ArmResponse fault(JsonNode body) {
        allowOnly(body, "method", "pathRegex", "status", "headers", "count");
        String method = method(body);
        String pathRegex = pathRegex(body);
        int status = integer(body, "status", null, MIN_FAULT_STATUS, MAX_FAULT_STATUS);
        int count = integer(body, "count", 1, 1, Integer.MAX_VALUE);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = body.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new BadRequest(400, "\"headers\" is an object of header name to string value, e.g. {\"Retry-After\": \"5\"}.");
            }
            h.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new BadRequest(400, "header \"" + e.getKey() + "\" must have a string value.");
                }
                headers.put(e.getKey(), e.getValue().asText());
            });
        }
        arm.faults().next(method, pathRegex, status, headers, count);
        return ArmResponse.of(201, echo(method, pathRegex, count).put("status", status));
    }

    private ArmResponse throttle(JsonNode body) {
        allowOnly(body, "method", "pathRegex", "retryAfterSeconds", "count");
        String method = method(body);
        String pathRegex = pathRegex(body);
        int seconds = integer(body, "retryAfterSeconds", null, 0, 3600);
        int count = integer(body, "count", 1, 1, Integer.MAX_VALUE);
        arm.faults().next(method, pathRegex, 429, Map.of("Retry-After", String.valueOf(seconds)), count);
        return ArmResponse.of(201, echo(method, pathRegex, count).put("status", 429).put("retryAfterSeconds", seconds));
    }

    private ArmResponse vmStartFailure(JsonNode body) {
        allowOnly(body, "vmId");
        String vm = text(body, "vmId");
        if (vm == null || vm.isBlank()) {
            throw new BadRequest(400, "Send {\"vmId\": \"/subscriptions/.../virtualMachines/NAME\"} (a VM id, or a regular "
                    + "expression found in the VM's id).");
        }
        compile(vm, "vmId");
        arm.faults().failNextVmStart(vm);
        return ArmResponse.of(201, ArmResponse.JSON.createObjectNode().put("vmId", vm).put("code", Faults.ALLOCATION_FAILED));
    }

    private ArmResponse throttling(JsonNode body) {
        allowOnly(body, "enabled");
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new BadRequest(400, "Send {\"enabled\": true} (Azure's ARM and Compute budgets) or {\"enabled\": false}.");
        }
        if (enabled.asBoolean()) {
            arm.throttling().enable(ThrottlingBudgets.azure());
        } else {
            arm.throttling().disable();
        }
        return ArmResponse.ok(ArmResponse.JSON.createObjectNode().put("enabled", arm.throttling().enabled()));
    }

    // ---- state as JSON ----

    private ObjectNode index() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        var routes = body.putArray("routes");
        List.of("GET " + PREFIX + "/regions", "POST " + PREFIX + "/regions/{region}/down", "POST " + PREFIX + "/regions/{region}/up",
                "GET " + PREFIX + "/locks", "PUT " + PREFIX + "/locks?resourceId={id}[&name={name}]",
                "DELETE " + PREFIX + "/locks?resourceId={id}",
                "POST " + PREFIX + "/faults {method, pathRegex, status, headers, count}",
                "POST " + PREFIX + "/faults/throttle {method, pathRegex, retryAfterSeconds, count}",
                "DELETE " + PREFIX + "/faults", "POST " + PREFIX + "/vm-start-failures {vmId}",
                "PUT " + PREFIX + "/throttling {enabled}").forEach(routes::add);
        body.set("regions", regionsJson().get("regions"));
        body.set("locks", locksJson().get("value"));
        body.put("throttling", arm.throttling().enabled());
        return body;
    }

    private ObjectNode regionsJson() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        var list = body.putArray("regions");
        regions.stream().sorted().forEach(r -> list.addObject().put("name", r).put("down", arm.regions().isDown(r)));
        return body;
    }

    private ObjectNode locksJson() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        var list = body.putArray("value");
        arm.locks().all().forEach(l -> list.add(Locks.json(l)));
        return body;
    }

    // ---- validation ----

    private static JsonNode object(byte[] bytes) {
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : ArmResponse.JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest(400, "The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "The body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(400, "Send a JSON object as the body (Content-Type: application/json).");
        }
        return node;
    }

    private static void allowOnly(JsonNode body, String... fields) {
        Set<String> allowed = Set.of(fields);
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new BadRequest(400, "Unknown field \"" + f + "\"; the fields are " + Arrays.toString(fields) + ".");
            }
        });
    }

    private static String method(JsonNode body) {
        String method = text(body, "method");
        String upper = method == null ? "*" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw new BadRequest(400, "\"method\" is one of " + METHODS + " (got \"" + method + "\").");
        }
        return upper;
    }

    private static String pathRegex(JsonNode body) {
        String regex = text(body, "pathRegex");
        if (regex == null || regex.isEmpty()) {
            throw new BadRequest(400, "\"pathRegex\" is required: a regular expression found in the request's path, "
                    + "e.g. \"/virtualMachines/app01$\".");
        }
        compile(regex, "pathRegex");
        return regex;
    }

    private static void compile(String regex, String field) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new BadRequest(400, "\"" + field + "\" is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + ".");
        }
    }

    private static int integer(JsonNode body, String field, Integer fallback, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new BadRequest(400, "\"" + field + "\" is required (an integer from " + min + " to " + max + ").");
            }
            return fallback;
        }
        if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw new BadRequest(400, "\"" + field + "\" must be an integer from " + min + " to " + max + " (got " + v + ").");
        }
        return v.asInt();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new BadRequest(400, "\"" + field + "\" must be a string (got " + v + ").");
        }
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest(400, "The query parameter " + name + " is required, e.g. ?" + name
                    + "=/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/disks/{disk}.");
        }
        return value;
    }

    private static ObjectNode echo(String method, String regex, int count) {
        return ArmResponse.JSON.createObjectNode().put("method", method).put("pathRegex", regex).put("count", count);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}

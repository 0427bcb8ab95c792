package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ARM's asynchronous operation pattern: the request answers 202 with {@code Azure-AsyncOperation}
 * (an operation status resource) and {@code Location} (the operation result); the change takes
 * effect when a poll finds the operation done, after {@code pollsBeforeDone} polls in progress,
 * or by itself once {@code duration} has passed (for callers that start an operation and check later).
 */
final class LongRunningOperations {

    private static final class Operation {
        final String id;
        final Runnable onDone;
        final Supplier<JsonNode> result;
        final Instant started = Instant.now();
        int polls;
        boolean done;
        JsonNode output;

        Operation(String id, Runnable onDone, Supplier<JsonNode> result) {
            this.id = id;
            this.onDone = onDone;
            this.result = result;
        }
    }

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Supplier<String> baseUrl;
    private final int pollsBeforeDone;
    private final Duration duration;

    LongRunningOperations(Supplier<String> baseUrl, int pollsBeforeDone, Duration duration) {
        this.baseUrl = baseUrl;
        this.pollsBeforeDone = pollsBeforeDone;
        this.duration = duration;
    }

    /** Finishes every operation older than the configured duration, polled or not (called before each request). */
    synchronized void settleDue() {
        Instant due = Instant.now().minus(duration);
        operations.values().stream().filter(op -> !op.done && op.started.isBefore(due)).forEach(this::finish);
    }

    /**
     * Starts an operation. {@code onDone} applies the change; {@code result} is then the body of the
     * operation result (null for none). Storage answers with a Location header only, like ARM.
     */
    ArmResponse accept(ArmRequest request, String namespace, String location, JsonNode body, Runnable onDone,
                       Supplier<JsonNode> result) {
        String id = UUID.randomUUID().toString();
        operations.put(id, new Operation(id, onDone, result));
        String prefix = baseUrl.get() + "subscriptions/" + request.subscriptionId() + "/providers/" + namespace
                + "/locations/" + location.toLowerCase(java.util.Locale.ROOT) + "/";
        String version = "?api-version=" + request.apiVersion();
        ArmResponse response = new ArmResponse(202, Map.of(), body);
        if (namespace.equalsIgnoreCase("Microsoft.Storage")) {
            return response.withHeader("Location", prefix + "asyncoperations/" + id + version + "&monitor=true");
        }
        return response.withHeader("Azure-AsyncOperation", prefix + "operations/" + id + version)
                .withHeader("Location", prefix + "operationResults/" + id + version);
    }

    /** GET of the Azure-AsyncOperation URL: the operation status resource. */
    ArmResponse status(String id) {
        Operation op = operations.get(id);
        if (op == null) {
            return ArmResponse.error(404, "OperationNotFound", "Operation " + id + " was not found.");
        }
        boolean done = advance(op);
        ObjectNode body = ArmResponse.JSON.createObjectNode().put("name", op.id)
                .put("startTime", op.started.toString()).put("status", done ? "Succeeded" : "InProgress");
        if (done) {
            body.put("endTime", Instant.now().toString());
            if (op.output != null) {
                body.putObject("properties").set("output", op.output);
            }
        }
        return ArmResponse.ok(body);
    }

    /** GET of the Location URL: 202 while running, then 200 with the result or 204 without one. */
    ArmResponse result(String id, String selfUrl) {
        Operation op = operations.get(id);
        if (op == null) {
            return ArmResponse.error(404, "OperationNotFound", "Operation " + id + " was not found.");
        }
        if (!advance(op)) {
            return new ArmResponse(202, Map.of(), null).withHeader("Location", selfUrl);
        }
        return op.output == null ? ArmResponse.noContent() : ArmResponse.ok(op.output);
    }

    private synchronized boolean advance(Operation op) {
        op.polls++;
        if (!op.done && op.polls > pollsBeforeDone) {
            finish(op);
        }
        return op.done;
    }

    private void finish(Operation op) {
        op.onDone.run();
        op.output = op.result == null ? null : op.result.get();
        op.done = true;
    }
}

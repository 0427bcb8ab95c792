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
 * ARM's asynchronous operation pattern, at the URLs each resource provider really uses (see
 * {@link Kind}). The request answers 202; the change takes effect when a poll finds the operation
 * done, after {@code pollsBeforeDone} polls in progress, or by itself once {@code duration} has
 * passed (for callers that start an operation and check later). An operation can be made to end
 * {@code Failed} with an error code (fault injection): the status poll then answers HTTP 200 with
 * {@code "status": "Failed"} and the error, as Compute does, and the change is not applied.
 */
final class LongRunningOperations {

    /** Where a resource provider publishes an operation's status and result. */
    enum Kind {
        /**
         * Virtual machines and restore points: {@code Azure-AsyncOperation:
         * .../Microsoft.Compute/locations/{Region}/operations/{id}} and {@code Location} the same URL with
         * {@code monitor=true}; no {@code Retry-After}, so the SDK polls at its default interval (30 s).
         */
        COMPUTE("Microsoft.Compute", "operations", null, true),
        /**
         * Disks and snapshots (Disk RP): the same shape under {@code .../locations/{region}/DiskOperations/{id}},
         * with {@code Retry-After: 2} on the request and on each poll.
         */
        DISK("Microsoft.Compute", "DiskOperations", null, false),
        /** Storage accounts: only {@code Location: .../asyncoperations/{id}?monitor=true}, {@code Retry-After: 17}. */
        STORAGE("Microsoft.Storage", "asyncoperations", null, false),
        /**
         * Network (NIC delete): {@code Azure-AsyncOperation: .../Microsoft.Network/locations/{region}/operations/{id}}
         * and {@code Location: .../locations/{region}/operationResults/{id}}, {@code Retry-After: 10}, as a recorded
         * Network delete answers; the SDK polls the first, then GETs the second for the result.
         */
        NETWORK("Microsoft.Network", "operations", "operationResults", false);

        final String namespace;
        final String collection;
        /** Where the result is published, when not at the status URL with {@code monitor=true}. */
        final String resultCollection;
        /** Compute's VM operations name the region in display casing without spaces (e.g. WestUS3). */
        final boolean pascalCaseRegion;

        Kind(String namespace, String collection, String resultCollection, boolean pascalCaseRegion) {
            this.namespace = namespace;
            this.collection = collection;
            this.resultCollection = resultCollection;
            this.pascalCaseRegion = pascalCaseRegion;
        }
    }

    /** Disk RP answers an operation request and each poll with {@code Retry-After: 0}, as the SDK's recorded sessions show. */
    static final String DISK_RETRY_AFTER = "0";
    /** Compute answers every operation request and poll with {@code Retry-After: 0} (the SDK's recorded sessions). */
    static final String COMPUTE_RETRY_AFTER = "0";
    /** Network answers an operation request with {@code Retry-After: 10}. */
    static final String NETWORK_RETRY_AFTER = "10";

    private static final class Operation {
        final String id;
        final Kind kind;
        final Runnable onDone;
        final Runnable onFailed;
        final Supplier<JsonNode> result;
        final Faults.OperationError failure;
        final java.util.function.BooleanSupplier held;
        final Instant started = Instant.now();
        Duration minimumTime = Duration.ZERO;
        int polls;
        boolean done;
        JsonNode output;

        Operation(String id, Kind kind, Runnable onDone, Runnable onFailed, Supplier<JsonNode> result,
                  Faults.OperationError failure, java.util.function.BooleanSupplier held) {
            this.id = id;
            this.held = held;
            this.kind = kind;
            this.onDone = onDone;
            this.onFailed = onFailed;
            this.result = result;
            this.failure = failure;
        }
    }

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Supplier<String> baseUrl;
    private final int pollsBeforeDone;
    private final Duration duration;
    private final Duration storageRetryAfter;
    private Faults.OperationError nextFailure;
    /** No operation is done before it has run this long, however often it is polled (0: polls alone decide). */
    private volatile Duration minimumTime = Duration.ZERO;

    LongRunningOperations(Supplier<String> baseUrl, int pollsBeforeDone, Duration duration, Duration storageRetryAfter) {
        this.baseUrl = baseUrl;
        this.pollsBeforeDone = pollsBeforeDone;
        this.duration = duration;
        this.storageRetryAfter = storageRetryAfter;
    }

    /**
     * Makes every operation started from now on take at least {@code time} (real time), as Azure's do (a snapshot
     * a few seconds, a restore point tens of seconds): polls before then answer InProgress. Zero (the default) lets
     * the polls alone decide, so tests stay fast.
     */
    void minimumTime(Duration time) {
        minimumTime = time;
    }

    /** Finishes every operation older than the configured duration, polled or not (called before each request). */
    synchronized void settleDue() {
        Instant now = Instant.now();
        operations.values().stream().filter(op -> !op.done && !op.held.getAsBoolean()
                        && op.started.isBefore(now.minus(duration.compareTo(op.minimumTime) > 0 ? duration : op.minimumTime)))
                .forEach(this::finish);
    }

    /** Finishes every operation still running (the stand-in stops: what ARM accepted completes). */
    synchronized void settleAll() {
        operations.values().stream().filter(op -> !op.done).forEach(this::finish);
    }

    /** The next operation started (by the request being handled) ends Failed with {@code failure}; null for none. */
    synchronized void failNextWith(Faults.OperationError failure) {
        nextFailure = failure;
    }

    /**
     * Starts an operation. {@code onDone} applies the change; {@code result} is then the body of the
     * operation result (null for none).
     */
    ArmResponse accept(ArmRequest request, Kind kind, String location, JsonNode body, Runnable onDone,
                       Supplier<JsonNode> result) {
        return accept(request, kind, location, body, onDone, result, () -> { });
    }

    /** As above; {@code onFailed} runs instead of {@code onDone} when the operation ends Failed. */
    ArmResponse accept(ArmRequest request, Kind kind, String location, JsonNode body, Runnable onDone,
                       Supplier<JsonNode> result, Runnable onFailed) {
        return accept(request, kind, location, body, onDone, result, onFailed, () -> false);
    }

    /**
     * As above; while {@code held} answers true the operation stays InProgress however often it is polled or
     * however long it runs (a test holds a long disk import this way).
     */
    synchronized ArmResponse accept(ArmRequest request, Kind kind, String location, JsonNode body, Runnable onDone,
                       Supplier<JsonNode> result, Runnable onFailed, java.util.function.BooleanSupplier held) {
        String id = UUID.randomUUID().toString();
        Operation operation = new Operation(id, kind, onDone, onFailed, result, nextFailure, held);
        operation.minimumTime = minimumTime;
        operations.put(id, operation);
        nextFailure = null;
        String region = kind.pascalCaseRegion ? Regions.pascalCase(location) : Json.normaliseRegion(location);
        String url = baseUrl.get() + "subscriptions/" + request.subscriptionId() + "/providers/" + kind.namespace
                + "/locations/" + region + "/" + kind.collection + "/" + id;
        String version = "api-version=" + request.apiVersion();
        ArmResponse response = new ArmResponse(202, Map.of(), body);
        if (kind == Kind.STORAGE) {
            return response.withHeader("Location", url + "?monitor=true&" + version)
                    .withHeader("Retry-After", String.valueOf(storageRetryAfter.toSeconds()));
        }
        if (kind.resultCollection != null) {
            String resultUrl = baseUrl.get() + "subscriptions/" + request.subscriptionId() + "/providers/"
                    + kind.namespace + "/locations/" + region + "/" + kind.resultCollection + "/" + id;
            return response.withHeader("Azure-AsyncOperation", url + "?" + version)
                    .withHeader("Location", resultUrl + "?" + version)
                    .withHeader("Retry-After", NETWORK_RETRY_AFTER);
        }
        ArmResponse async = response.withHeader("Azure-AsyncOperation", url + "?" + version)
                .withHeader("Location", url + "?monitor=true&" + version);
        return retryAfter(async, kind);
    }

    /** Compute and Disk RP answer {@code Retry-After: 0} (recorded sessions; RealArmShapesTest). */
    private static ArmResponse retryAfter(ArmResponse response, Kind kind) {
        return response.withHeader("Retry-After", kind == Kind.DISK ? DISK_RETRY_AFTER : COMPUTE_RETRY_AFTER);
    }

    /**
     * GET of an operation URL: the status resource, or with {@code monitor=true} the result
     * (202 while running, then 200 with the result, or 200 without a body, as Compute and Storage answer).
     */
    ArmResponse get(String kindSegment, String id, boolean monitor, String selfUrl) {
        Operation op = operations.get(id);
        boolean isResult = op != null && kindSegment.equalsIgnoreCase(op.kind.resultCollection);
        if (op == null || !(op.kind.collection.equalsIgnoreCase(kindSegment) || isResult)) {
            return ArmResponse.error(404, "NotFound", "The operation '" + id + "' was not found.");
        }
        boolean done = advance(op);
        if (monitor || isResult || op.kind == Kind.STORAGE) {
            return result(op, done, selfUrl);
        }
        ObjectNode body = ArmResponse.JSON.createObjectNode().put("startTime", op.started.toString());
        if (!done) {
            body.put("status", "InProgress");
        } else if (op.failure != null) {
            body.put("endTime", Instant.now().toString()).put("status", "Failed");
            body.putObject("error").put("code", op.failure.code()).put("message", op.failure.message());
        } else {
            body.put("endTime", Instant.now().toString()).put("status", "Succeeded");
            if (op.output != null) {
                body.putObject("properties").set("output", op.output);
            }
        }
        body.put("name", op.id);
        return retryAfter(ArmResponse.ok(body), op.kind);
    }

    private ArmResponse result(Operation op, boolean done, String selfUrl) {
        if (!done) {
            ArmResponse running = new ArmResponse(202, Map.of(), null).withHeader("Location", selfUrl);
            return op.kind == Kind.STORAGE ? running.withHeader("Retry-After",
                    String.valueOf(storageRetryAfter.toSeconds())) : retryAfter(running, op.kind);
        }
        if (op.failure != null) {
            return ArmResponse.error(400, op.failure.code(), op.failure.message());
        }
        return ArmResponse.ok(op.output);
    }

    private synchronized boolean advance(Operation op) {
        op.polls++;
        if (!op.done && op.polls > pollsBeforeDone && !op.held.getAsBoolean()
                && !Instant.now().isBefore(op.started.plus(op.minimumTime))) {
            finish(op);
        }
        return op.done;
    }

    private void finish(Operation op) {
        if (op.failure == null) {
            op.onDone.run();
            op.output = op.result == null ? null : op.result.get();
        } else {
            op.onFailed.run();
        }
        op.done = true;
    }
}

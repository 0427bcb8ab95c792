package io.reprotect.local.arm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults the stand-in answers instead of handling a request, for tests of error handling.
 * Each rule matches a method ("*" for any) and a regular expression over the decoded path
 * (found anywhere in it), and fires {@code count} times. The body is ARM's error shape; a 403
 * names the action ARM would have checked, like a real AuthorizationFailed error.
 */
public final class Faults {

    record Rule(String method, Pattern path, int status, Map<String, String> headers, AtomicInteger remaining) {
    }

    /** {@code target}, when set, must also be found in the id of the resource the request is about ({@link #resourceId}). */
    record OperationFailure(String method, Pattern path, Pattern target, OperationError error,
                            AtomicInteger remaining) {

        boolean matches(String requestMethod, String requestPath) {
            boolean methodMatches = method.equals("*") || method.equalsIgnoreCase(requestMethod);
            if (!methodMatches || !path.matcher(requestPath).find()) {
                return false;
            }
            return target == null || target.matcher(resourceId(requestPath)).find();
        }
    }

    /** The top-level resource a path is about: {@code .../providers/{ns}/{type}/{name}}, without what follows. */
    static String resourceId(String path) {
        Matcher m = RESOURCE.matcher(path);
        return m.find() ? m.group() : path;
    }

    /** How an operation ends when it fails: Compute's error code and message. */
    record OperationError(String code, String message) {
    }

    /**
     * Compute's answer when it cannot find capacity to start (or create, or resize) a VM in its cluster or
     * region, as documented in "Troubleshoot allocation failures when you create, restart, or resize VMs in Azure".
     */
    public static final String ALLOCATION_FAILED = "AllocationFailed";
    static final String ALLOCATION_FAILED_MESSAGE = "Allocation failed. We do not have sufficient capacity for the "
            + "requested VM size in this region. Read more about improving likelihood of allocation success at "
            + "http://aka.ms/allocation-guidance";

    private static final Pattern START = Pattern.compile("/providers/Microsoft\\.Compute/virtualMachines/[^/]+/start$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern RESOURCE = Pattern.compile("^.*?/providers/[^/]+/[^/]+/[^/]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE = Pattern.compile("/providers/Microsoft\\.Compute/virtualMachines/[^/]+$",
            Pattern.CASE_INSENSITIVE);

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<OperationFailure> failures = new CopyOnWriteArrayList<>();

    /** Answers the next {@code count} matching requests with {@code status} and {@code headers}. */
    public Faults next(String method, String pathRegex, int status, Map<String, String> headers, int count) {
        rules.add(new Rule(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), status, Map.copyOf(headers),
                new AtomicInteger(count)));
        return this;
    }

    /** 429 TooManyRequests with {@code Retry-After} in whole seconds, once. */
    public Faults throttle(String method, String pathRegex, Duration retryAfter) {
        return next(method, pathRegex, 429, Map.of("Retry-After", String.valueOf(retryAfter.toSeconds())), 1);
    }

    /** 403 AuthorizationFailed naming the request's action, once. */
    public Faults deny(String method, String pathRegex) {
        return next(method, pathRegex, 403, Map.of(), 1);
    }

    /**
     * The long-running operation the next matching request starts is accepted (202) and then ends
     * {@code "status": "Failed"} on an HTTP 200 poll, with {@code code} (e.g. Compute's retry-later
     * {@code InternalExecutionError}, or a permanent {@code OperationNotAllowed}); its change is not applied.
     */
    public Faults failOperation(String method, String pathRegex, String code) {
        failures.add(new OperationFailure(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), null,
                new OperationError(code, "Injected: the operation ended with " + code + "."), new AtomicInteger(1)));
        return this;
    }

    /**
     * The next start of a VM matching {@code vmIdOrRegex} finds no capacity: its operation is accepted and ends
     * {@code "status": "Failed"} with Compute's {@link #ALLOCATION_FAILED} code and message. A start
     * ({@code POST .../start}) leaves the VM in the power state it had (deallocated); a creation ({@code PUT} of
     * the VM, which in Azure starts it) leaves it deallocated with {@code provisioningState: Failed} (an
     * assumption: Compute documents the error, not the state it leaves). Only the next start or creation fails.
     * {@code vmIdOrRegex} is a VM id (matched whole, ignoring case) or a regular expression found in the VM's id
     * (e.g. {@code "app-rg-asr/.*app01$"}).
     */
    public Faults failNextVmStart(String vmIdOrRegex) {
        Pattern vm = vmIdOrRegex.startsWith("/subscriptions/")
                ? Pattern.compile("^" + Pattern.quote(vmIdOrRegex) + "$", Pattern.CASE_INSENSITIVE)
                : Pattern.compile(vmIdOrRegex, Pattern.CASE_INSENSITIVE);
        AtomicInteger once = new AtomicInteger(1); // shared: a start or a creation, whichever comes first
        OperationError error = new OperationError(ALLOCATION_FAILED, ALLOCATION_FAILED_MESSAGE);
        failures.add(new OperationFailure("POST", START, vm, error, once));
        failures.add(new OperationFailure("PUT", CREATE, vm, error, once));
        return this;
    }

    /**
     * The region stops answering: the next {@code count} requests its regional endpoints serve
     * ({@code /locations/{region}/...}, e.g. Compute usages) get 503 ServiceUnavailable.
     */
    public Faults regionDown(String region, int count) {
        return next("*", "/locations/" + Pattern.quote(region) + "/", 503, Map.of(), count);
    }

    public void clear() {
        rules.clear();
        failures.clear();
    }

    /** The error the operation started by this request must end with, or null; consumes one firing. */
    OperationError operationFailure(String method, String path) {
        for (OperationFailure f : failures) {
            if (f.matches(method, path) && f.remaining().getAndDecrement() > 0) {
                return f.error();
            }
        }
        return null;
    }

    /** The fault answer for this request, consuming one firing of the first matching rule. */
    ArmResponse match(String method, String path, String action) {
        for (Rule r : rules) {
            boolean methodMatches = r.method().equals("*") || r.method().equalsIgnoreCase(method);
            if (methodMatches && r.path().matcher(path).find() && r.remaining().getAndDecrement() > 0) {
                ArmResponse response = body(r.status(), path, action);
                for (var h : r.headers().entrySet()) {
                    response = response.withHeader(h.getKey(), h.getValue());
                }
                return response;
            }
        }
        return null;
    }

    /** What ARM answers when the caller's role does not grant {@code action}. */
    static ArmResponse denied(String path, String action) {
        return body(403, path, action);
    }

    private static ArmResponse body(int status, String path, String action) {
        return switch (status) {
            case 429 -> ArmResponse.error(429, "TooManyRequests",
                    "The request is being throttled as the limit has been reached for operation type - " + action);
            case 403 -> ArmResponse.error(403, "AuthorizationFailed", "The client 'reprotect-engine' with object id "
                    + "'00000000-0000-0000-0000-000000000001' does not have authorization to perform action '" + action
                    + "' over scope '" + path + "' or the scope is invalid. If access was recently granted, please "
                    + "refresh your credentials.");
            case 404 -> ArmResponse.error(404, "ResourceNotFound", "Injected: not found " + path);
            case 409 -> ArmResponse.error(409, "Conflict", "Injected: conflict on " + path);
            case 412 -> ArmResponse.error(412, "PreconditionFailed", "Injected: precondition failed on " + path);
            case 503 -> ArmResponse.error(503, "ServiceUnavailable", "Injected: the service is unavailable in "
                    + "this region; retry later.");
            default -> status >= 500
                    ? ArmResponse.error(status, "InternalServerError", "Injected: an internal error occurred.")
                    : ArmResponse.error(status, "InjectedFault", "Injected fault " + status);
        };
    }
}

package io.reprotect.cloud.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that turns Azure SDK failures into {@link CloudException}s. */
public final class ArmErrors {

    /** Delay assumed for a 429 without Retry-After; ARM's throttling windows are about a minute. */
    public static final Duration DEFAULT_THROTTLE_DELAY = Duration.ofSeconds(30);

    /** LinkedAuthorizationFailed names the missing action after "does not have permission to perform action(s)". */
    private static final Pattern LINKED_ACTION = Pattern.compile("does not have permission to perform action\\(s\\) '([^']+)'");
    /** AuthorizationFailed: "... does not have authorization to perform action 'X' over scope ...". */
    private static final Pattern ACTION = Pattern.compile("perform action '([^']+)'");

    private ArmErrors() {
    }

    /** Runs an SDK call and classifies what it throws. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw classify(what, e);
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Classifies {@code e}; {@code what} names the attempted operation for the message. */
    public static CloudException classify(String what, RuntimeException e) {
        if (e instanceof CloudException ce) {
            return ce;
        }
        if (e instanceof HttpResponseException hre && hre.getResponse() != null) {
            return classifyResponse(what, hre);
        }
        if (isTimeoutOrIo(e)) {
            return new CloudException.Transient(what + " failed without a response (" + e + "); retry later", 0, "", e);
        }
        return new CloudException.Other(what + " failed: " + e.getMessage(), 0, "", e);
    }

    private static CloudException classifyResponse(String what, HttpResponseException e) {
        HttpResponse response = e.getResponse();
        int status = response.getStatusCode();
        String code = "";
        String detail = e.getMessage();
        if (e instanceof ManagementException me && me.getValue() != null) {
            ManagementError error = me.getValue();
            code = error.getCode() == null ? "" : error.getCode();
            detail = error.getMessage() == null ? detail : error.getMessage();
        }
        if (status >= 200 && status < 300) {
            // a long-running operation that ended "status": "Failed", read from an HTTP 200 poll
            return new CloudException.OperationFailed(what + " failed: the operation ended Failed"
                    + (code.isEmpty() ? "" : " with " + code) + ": " + detail, status, code, e);
        }
        String message = what + " failed: HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + detail;
        if (status == 404) {
            return new CloudException.NotFound(message, code, e);
        }
        if (status == 429) {
            Duration delay = retryAfter(response);
            return new CloudException.Throttled(message + " (retry after " + delay.toSeconds() + " s)", code, delay, e);
        }
        if (status == 401 || status == 403) {
            String action = missingAction(detail);
            String hint = action == null ? "; grant the engine's identity the custom role derived from ArmPermissions"
                    : "; grant the engine's identity the action " + action + " (see ArmPermissions.REQUIRED_ACTIONS)";
            return new CloudException.Forbidden(message + hint, status, code, action, e);
        }
        if (status == 409 || status == 412) {
            return new CloudException.Conflict(message, status, code, e);
        }
        if (status == 408 || (status >= 500 && status != 501 && status != 505)) {
            return new CloudException.Transient(message + "; retry later", status, code, e);
        }
        return new CloudException.Other(message, status, code, e);
    }

    static String missingAction(String message) {
        if (message == null) {
            return null;
        }
        Matcher linked = LINKED_ACTION.matcher(message);
        if (linked.find()) {
            return linked.group(1);
        }
        Matcher m = ACTION.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** The delay the response asks for ({@link RetryAfter}), else {@link #DEFAULT_THROTTLE_DELAY}. */
    static Duration retryAfter(HttpResponse response) {
        return RetryAfter.from(response.getHeaders(), Instant.now()).orElse(DEFAULT_THROTTLE_DELAY);
    }

    private static boolean isTimeoutOrIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof IOException
                    || t instanceof java.io.UncheckedIOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

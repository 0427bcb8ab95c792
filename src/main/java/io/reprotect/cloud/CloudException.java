package io.reprotect.cloud;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What went wrong when talking to the Azure control plane, classified once so that callers
 * decide between "retry later" and "fail the job" without looking at HTTP status codes.
 *
 * <p>{@link #retryable()} is the contract: a stage schedules a later attempt when it is true
 * (honouring {@link Throttled#retryAfter()}), and fails the job with this message otherwise.
 */
public abstract sealed class CloudException extends RuntimeException {

    private final int status;
    private final String errorCode;

    protected CloudException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode == null ? "" : errorCode;
    }

    /** HTTP status of the failed response, or 0 when no response arrived (timeout, connection reset). */
    public int status() {
        return status;
    }

    /** ARM error code from the response body (e.g. {@code ResourceNotFound}), or "" when none. */
    public String errorCode() {
        return errorCode;
    }

    /** True when the same call may succeed later without anyone changing anything. */
    public abstract boolean retryable();

    /** 404: the resource or its resource group does not exist. Permanent for this call. */
    public static final class NotFound extends CloudException {
        public NotFound(String message, String errorCode, Throwable cause) {
            super(message, 404, errorCode, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 429: ARM throttled the caller; retry after {@link #retryAfter()}. */
    public static final class Throttled extends CloudException {
        private final Duration retryAfter;

        public Throttled(String message, String errorCode, Duration retryAfter, Throwable cause) {
            super(message, 429, errorCode, cause);
            this.retryAfter = retryAfter;
        }

        /** Delay the service asked for (Retry-After), or a default when it named none. */
        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** 5xx (except 501), 408, timeouts and broken connections: retry with backoff. */
    public static final class Transient extends CloudException {
        public Transient(String message, int status, String errorCode, Throwable cause) {
            super(message, status, errorCode, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** 401/403: the engine's identity lacks a permission; a person must grant it. */
    public static final class Forbidden extends CloudException {
        private final String missingAction;

        public Forbidden(String message, int status, String errorCode, String missingAction, Throwable cause) {
            super(message, status, errorCode, cause);
            this.missingAction = missingAction;
        }

        /** The ARM action the error body names (e.g. {@code Microsoft.Compute/disks/read}), if it names one. */
        public Optional<String> missingAction() {
            return Optional.ofNullable(missingAction);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /**
     * 409 or 412: the resource is in a state that forbids the call, or its ETag changed.
     * Retryable for 412 and for ARM's {@code AnotherOperationInProgress}; permanent otherwise.
     */
    public static final class Conflict extends CloudException {
        public Conflict(String message, int status, String errorCode, Throwable cause) {
            super(message, status, errorCode, cause);
        }

        @Override
        public boolean retryable() {
            return status() == 412 || "AnotherOperationInProgress".equals(errorCode());
        }
    }

    /**
     * ARM accepted the request, but its long-running operation ended {@code "status": "Failed"} (on an
     * HTTP 200 poll). Retryable when {@link #errorCode()} is one of the provider's retry-later codes
     * ({@link #RETRY_LATER_CODES}); permanent otherwise, and the job then fails with that code.
     */
    public static final class OperationFailed extends CloudException {

        /**
         * Error codes of failed operations that mean "the platform failed, retry later": Compute's
         * transient platform errors (InternalExecutionError, InternalOperationError, TransientFailure,
         * RetryableError, OperationPreempted by a newer operation on the resource) and ARM's busy
         * and throttling codes. Any other code (OperationNotAllowed, AllocationFailed, quota, bad
         * parameters) needs a person.
         */
        public static final Set<String> RETRY_LATER_CODES = Set.of("InternalExecutionError",
                "InternalOperationError", "InternalServerError", "TransientFailure", "RetryableError",
                "OperationPreempted", "TooManyRequests", "ServerBusy", "ServiceUnavailable",
                "AnotherOperationInProgress", "ResourceCollectionRequestsThrottled", "SubscriptionRequestsThrottled",
                "GatewayTimeout");

        public OperationFailed(String message, int status, String errorCode, Throwable cause) {
            super(message, status, errorCode, cause);
        }

        @Override
        public boolean retryable() {
            return RETRY_LATER_CODES.stream().anyMatch(c -> c.equalsIgnoreCase(errorCode()));
        }
    }

    /** Anything else (400 validation errors, quota, 501): permanent. */
    public static final class Other extends CloudException {
        public Other(String message, int status, String errorCode, Throwable cause) {
            super(message, status, errorCode, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}

package io.reprotect.cloud;

import java.time.Duration;

/**
 * The answer of one check of a {@link PendingOperation}: ARM's operation status, reduced to the three states a
 * stage acts on.
 *
 * @param state where the operation is
 * @param errorCode Azure's error code when it {@link State#Failed}, else null
 * @param message Azure's error message when it failed, else null
 * @param checkAfter when to check again while it is {@link State#InProgress} (Azure's {@code Retry-After}, else the
 *        poll interval)
 */
public record OperationCheck(State state, String errorCode, String message, Duration checkAfter) {

    /** ARM's terminal and non-terminal statuses; Canceled counts as Failed. */
    public enum State {
        InProgress, Succeeded, Failed
    }

    public static OperationCheck succeeded() {
        return new OperationCheck(State.Succeeded, null, null, Duration.ZERO);
    }

    public static OperationCheck inProgress(Duration checkAfter) {
        return new OperationCheck(State.InProgress, null, null, checkAfter);
    }

    public static OperationCheck failed(String errorCode, String message) {
        return new OperationCheck(State.Failed, errorCode, message, Duration.ZERO);
    }

    /**
     * The failure as the exception a waiting call would have thrown ({@link CloudException.OperationFailed}: retryable
     * for Azure's transient platform codes), naming {@code what} was attempted.
     */
    public CloudException failure(String what) {
        return new CloudException.OperationFailed(what + " failed: the operation ended Failed"
                + (errorCode == null ? "" : " with " + errorCode) + ": " + message, 200,
                errorCode == null ? "" : errorCode, null);
    }
}

package io.reprotect.pipeline;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.RetryAfter;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.JobError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides whether a failure is retried or ends the job.
 *
 * <p>Retryable: 429 (honouring Retry-After), 5xx, 408, 412 (a lost race), timeouts and I/O errors,
 * and long-running operations that ended Failed with a retry-later code.
 * Permanent: 403 (a missing permission), other 4xx, operations that ended Failed with any other
 * code (the job fails with that code), and {@link PermanentStageException}.
 * Anything else is unexpected and left to the queue: abandon, redeliver, dead-letter.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** The outcome for {@code failure}, or empty when it is unexpected. */
    public static Optional<Outcome> classify(Throwable failure) {
        if (failure instanceof RetryableStageException e) {
            return Optional.of(new Outcome.RetryLater(e.retryAfter(), e.getMessage()));
        }
        if (failure instanceof PermanentStageException e) {
            return Optional.of(new Outcome.Fail(e.error()));
        }
        if (failure instanceof ConcurrentUpdateException) {
            return Optional.of(new Outcome.RetryLater(null, failure.getMessage()));
        }
        if (failure instanceof CloudException e) {
            return Optional.of(classifyCloud(e));
        }
        if (failure instanceof HttpResponseException e && e.getResponse() != null) {
            return Optional.of(classifyHttp(e));
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof IOException
                    || cause instanceof UncheckedIOException) {
                return Optional.of(new Outcome.RetryLater(null, "network error: " + cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static Outcome classifyCloud(CloudException e) {
        if (e instanceof CloudException.Throttled t) {
            return new Outcome.RetryLater(t.retryAfter(), e.getMessage(), true);
        }
        if (e.retryable()) {
            return new Outcome.RetryLater(null, e.getMessage());
        }
        if (e instanceof CloudException.Forbidden f) {
            return new Outcome.Fail(forbidden(e.getMessage(), f.missingAction().orElse(null)));
        }
        if (e instanceof CloudException.OperationFailed && !e.errorCode().isEmpty()) {
            return new Outcome.Fail(JobError.of(e.errorCode(), e.getMessage(),
                    "An Azure operation the stage started ended Failed with " + e.errorCode() + ".",
                    "Read the message, fix the cause in Azure, then resume the job."));
        }
        if (e instanceof CloudException.NotFound) {
            return new Outcome.Fail(JobError.of("ResourceNotFound", e.getMessage(),
                    "The resource was deleted or moved while the job ran.",
                    "Check that the resource exists, then resume the job."));
        }
        return new Outcome.Fail(JobError.of("RequestRejected", e.getMessage(),
                "Azure rejected a request the stage made.", "Read the message, fix the cause, then resume the job."));
    }

    private static JobError forbidden(String message, String missingAction) {
        return new JobError("AuthorizationFailed",
                "The app's identity is not allowed to do this: " + message,
                List.of("The managed identity lacks a role assignment on this scope.",
                        "The custom role does not list " + (missingAction == null ? "this action" : missingAction) + "."),
                "Assign the 'VM Reprotect Operator' role (infra/) to the app's managed identity on the subscription "
                        + "or resource group in question" + (missingAction == null ? "" : ", and make sure it includes '"
                        + missingAction + "'") + "; then resume the job.",
                null);
    }

    private static Outcome classifyHttp(HttpResponseException e) {
        HttpResponse response = e.getResponse();
        int status = response.getStatusCode();
        String summary = "HTTP " + status + " from " + response.getRequest().getHttpMethod() + " "
                + response.getRequest().getUrl().getPath();
        if (status == 429 || status == 408 || status == 412 || status >= 500) {
            return new Outcome.RetryLater(retryAfter(response).orElse(null), summary);
        }
        if (status == 403) {
            return new Outcome.Fail(forbidden(summary + ": " + firstLine(e), null));
        }
        return new Outcome.Fail(JobError.of("RequestRejected", summary + ": " + firstLine(e),
                "Azure rejected a request the stage made.", "Read the message, fix the cause, then resume the job."));
    }

    /** The delay the response asks for ({@link RetryAfter}), if it names one. */
    static Optional<Duration> retryAfter(HttpResponse response) {
        return RetryAfter.from(response.getHeaders(), java.time.Instant.now());
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

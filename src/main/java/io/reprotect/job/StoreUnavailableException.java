package io.reprotect.job;

import com.azure.core.exception.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/** The job store did not answer (down, unreachable, timing out, or answering 5xx): retry later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("The job store is unavailable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    /** True when {@code failure} means storage is down or unreachable rather than refusing the request. */
    static boolean isOutage(Throwable failure) {
        if (failure instanceof HttpResponseException e && e.getResponse() != null) {
            int status = e.getResponse().getStatusCode();
            return status >= 500 || status == 408;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}

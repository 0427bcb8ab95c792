package io.reprotect.cloud;

import java.time.Duration;

/**
 * A long-running ARM operation that was begun and not waited for: what a later step needs to check it with one
 * call ({@link OperationCheck}). Stored in stage checkpoints, so it is plain data.
 *
 * @param resourceId the resource the operation creates or deletes
 * @param statusUrl where Azure publishes the operation's status ({@code Azure-AsyncOperation}, else
 *        {@code Location}); null when Azure finished it in its first answer (200/204), or for a delete of a
 *        resource already gone
 * @param deleting true for a delete (done once the resource is gone), false for a create or update
 * @param checkAfter how long to wait before the first check: Azure's {@code Retry-After}, else the SDK's poll
 *        interval (30 s for Compute, which sends none)
 */
public record PendingOperation(String resourceId, String statusUrl, boolean deleting, Duration checkAfter) {

    /** An operation Azure completed in its first answer: nothing to check. */
    public static PendingOperation done(String resourceId, boolean deleting) {
        return new PendingOperation(resourceId, null, deleting, Duration.ZERO);
    }

    /** True when Azure completed it in its first answer. */
    public boolean finished() {
        return statusUrl == null;
    }
}

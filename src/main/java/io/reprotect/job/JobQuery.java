package io.reprotect.job;

import java.time.Instant;

/**
 * A filtered page of the job history. Every filter is optional (null).
 *
 * @param vmId jobs of this VM (compared case-insensitively, as ARM compares ids)
 * @param operation jobs of this operation ({@link JobOperations#ALL})
 * @param state jobs in this state now
 * @param createdAfter jobs created at or after this instant
 * @param createdBefore jobs created before this instant
 * @param pageSize at most this many jobs
 * @param from where the previous page stopped; null for the first page
 * @param requestedBy jobs asked for by this principal: its id or name ({@link RequestedBy#matches})
 */
public record JobQuery(String vmId, String operation, JobState state, Instant createdAfter, Instant createdBefore,
        int pageSize, Position from, String requestedBy) {

    /** Without the requester filter. */
    public JobQuery(String vmId, String operation, JobState state, Instant createdAfter, Instant createdBefore,
            int pageSize, Position from) {
        this(vmId, operation, state, createdAfter, createdBefore, pageSize, from, null);
    }

    /**
     * A place in the history listing.
     *
     * @param storageMarker the List Blobs continuation of the storage page to read first, null for the first
     * @param after the last index entry already examined; listing resumes after it
     */
    public record Position(String storageMarker, String after) {
    }
}

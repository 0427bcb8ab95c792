package io.reprotect.job;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pages through the job history newest first, reading the index names ({@link JobIndex}) and only
 * the job records that pass every filter the index can answer (VM, operation, time). The requester filter is
 * answered from the job records, like state.
 *
 * <p>Cost of a page: List Blobs calls of up to {@link #STORAGE_PAGE_SIZE} names, and one read per
 * candidate job. A filter that the index cannot answer (state, requester) may examine many entries for few
 * matches, so one page stops after {@link #MAX_JOB_READS} job reads or {@link #MAX_ENTRIES} entries and
 * returns what it found with a continuation, as ARM's list operations may (a short or empty page
 * with a {@code nextLink} means: keep following it).
 *
 * <p>Reads only.
 */
public class JobHistory {

    /** Names asked for per List Blobs call (the service's maximum is 5000). */
    static final int STORAGE_PAGE_SIZE = 1000;
    /** Job records one page reads at most before it answers with a continuation. */
    static final int MAX_JOB_READS = 500;
    /** Index entries one page examines at most before it answers with a continuation. */
    static final int MAX_ENTRIES = 20_000;

    private final BlobContainerClient container;
    private final JobStore store;
    private final int storagePageSize;

    public JobHistory(BlobContainerClient container, JobStore store) {
        this(container, store, STORAGE_PAGE_SIZE);
    }

    /** With a smaller List Blobs page, so tests cross storage pages with a few jobs. */
    JobHistory(BlobContainerClient container, JobStore store, int storagePageSize) {
        this.container = container;
        this.store = store;
        this.storagePageSize = storagePageSize;
    }

    public JobHistoryPage list(JobQuery query) {
        try {
            return listPage(query);
        } catch (com.azure.storage.blob.models.BlobStorageException e) {
            if (e.getErrorCode() == com.azure.storage.blob.models.BlobErrorCode.CONTAINER_NOT_FOUND) {
                return new JobHistoryPage(List.of(), null); // storage restarted empty: no job yet
            }
            throw e;
        }
    }

    private JobHistoryPage listPage(JobQuery query) {
        String base = query.vmId() == null ? JobIndex.ALL : JobIndex.vmPrefix(query.vmId());
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(base + timePrefix(query))
                .setMaxResultsPerPage(storagePageSize)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        String marker = query.from() == null ? null : query.from().storageMarker();
        String after = query.from() == null ? null : query.from().after();
        List<Job> found = new ArrayList<>();
        int entries = 0;
        int reads = 0;
        for (PagedResponse<BlobItem> page : container.listBlobs(options, marker, null).iterableByPage()) {
            List<BlobItem> items = page.getValue();
            for (int i = 0; i < items.size(); i++) {
                String entry = items.get(i).getName().substring(base.length());
                if (after != null && entry.compareTo(after) <= 0) {
                    continue;
                }
                entries++;
                JobIndex.Entry parsed = JobIndex.parse(entry);
                if (olderThanRange(parsed, query)) {
                    return new JobHistoryPage(found, null); // every later entry is older still
                }
                if (candidate(parsed, items.get(i).getMetadata(), query)) {
                    reads++;
                    load(parsed, query).ifPresent(found::add);
                }
                boolean more = i < items.size() - 1 || page.getContinuationToken() != null;
                if (found.size() == query.pageSize() || reads >= MAX_JOB_READS || entries >= MAX_ENTRIES) {
                    return new JobHistoryPage(found, more ? new JobQuery.Position(marker, entry) : null);
                }
            }
            // `after` stays: jobs created since the position was handed out shift the storage pages
            marker = page.getContinuationToken();
            if (marker == null) {
                break;
            }
        }
        return new JobHistoryPage(found, null);
    }

    /** Names of the time range share the common prefix of its two ends' inverted times. */
    private static String timePrefix(JobQuery query) {
        if (query.createdAfter() == null || query.createdBefore() == null
                || !query.createdAfter().isBefore(query.createdBefore())) {
            return "";
        }
        String newest = JobIndex.inverted(query.createdBefore());
        String oldest = JobIndex.inverted(query.createdAfter());
        int common = 0;
        while (common < newest.length() && newest.charAt(common) == oldest.charAt(common)) {
            common++;
        }
        return newest.substring(0, common);
    }

    /** The entry's millisecond ends before the range starts (names hold milliseconds, jobs nanoseconds). */
    private static boolean olderThanRange(JobIndex.Entry entry, JobQuery query) {
        return query.createdAfter() != null && !entry.createdAt().plusMillis(1).isAfter(query.createdAfter());
    }

    private static boolean candidate(JobIndex.Entry entry, Map<String, String> metadata, JobQuery query) {
        if (query.createdBefore() != null && !entry.createdAt().isBefore(query.createdBefore())) {
            return false;
        }
        String operation = metadata == null ? null : metadata.get(JobIndex.OPERATION_METADATA);
        return query.operation() == null || query.operation().equalsIgnoreCase(operation);
    }

    /** The job, if its record is the one the entry names and it passes the filters on what changes. */
    private Optional<Job> load(JobIndex.Entry entry, JobQuery query) {
        return store.get(entry.jobId()).map(Versioned::value)
                .filter(job -> job.createdAt().toEpochMilli() == entry.createdAt().toEpochMilli())
                .filter(job -> query.vmId() == null || job.vmId().equalsIgnoreCase(query.vmId()))
                .filter(job -> query.state() == null || job.state() == query.state())
                .filter(job -> query.requestedBy() == null
                        || (job.requestedBy() != null && job.requestedBy().matches(query.requestedBy())))
                .filter(job -> within(job.createdAt(), query.createdAfter(), query.createdBefore()));
    }

    private static boolean within(Instant time, Instant after, Instant before) {
        return (after == null || !time.isBefore(after)) && (before == null || time.isBefore(before));
    }
}

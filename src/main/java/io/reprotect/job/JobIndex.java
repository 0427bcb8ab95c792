package io.reprotect.job;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The history index of the job container: one empty blob per job under {@code index/all/} and one
 * under {@code index/vms/{sha256(lowercase vmId)}/}, each named {@code {inverted createdAt}-{jobId}}.
 *
 * <p>Why names and not blob index tags: Azure's Find Blobs by Tags answers in no particular order and
 * cannot page newest first, and Azurite 3.37 (what runs locally) does not implement it at all. List
 * Blobs, in contrast, answers in name order everywhere; with the creation time inverted into the
 * name ({@link #MAX_MILLIS} minus epoch milliseconds, 13 digits), name order is newest first, a VM's
 * history is one prefix, and a time range maps to names. What never changes in a job (its operation)
 * rides along as blob metadata, which the same listing returns, so filters read no job record.
 * Only the job's state changes after creation: it is read from the job record of each candidate.
 *
 * <p>An entry is written before its job record (so no job is ever missing from the history); an
 * entry whose job record is absent, or has another creation time (a duplicate submission that lost),
 * is skipped when listing.
 */
final class JobIndex {

    /** Largest epoch millisecond an index name holds (13 digits: year 2286). */
    static final long MAX_MILLIS = 9_999_999_999_999L;
    static final String ALL = "index/all/";
    static final String VMS = "index/vms/";
    static final String OPERATION_METADATA = "operation";

    private final BlobContainerClient container;

    JobIndex(BlobContainerClient container) {
        this.container = container;
    }

    /** Writes the job's entries; idempotent (the same job always gives the same names). */
    void record(Job job) {
        String entry = entryName(job.createdAt(), job.id());
        Map<String, String> metadata = Map.of(OPERATION_METADATA, JobOperations.of(job));
        for (String prefix : new String[] {ALL, vmPrefix(job.vmId())}) {
            container.getBlobClient(prefix + entry).getBlockBlobClient().uploadWithResponse(
                    new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0])).setMetadata(metadata),
                    null, Context.NONE);
        }
    }

    static String vmPrefix(String vmId) {
        return VMS + Hashes.sha256Hex(vmId.toLowerCase(Locale.ROOT)) + "/";
    }

    static String entryName(Instant createdAt, String jobId) {
        return inverted(createdAt) + "-" + jobId;
    }

    /** The inverted time as it appears in names: later instants give smaller strings. */
    static String inverted(Instant time) {
        long millis = Math.max(0, Math.min(MAX_MILLIS, time.toEpochMilli()));
        return String.format(Locale.ROOT, "%013d", MAX_MILLIS - millis);
    }

    /** The entry's creation time (millisecond precision) and job id, from its name after the prefix. */
    static Entry parse(String entry) {
        int dash = entry.indexOf('-');
        long millis = MAX_MILLIS - Long.parseLong(entry.substring(0, dash));
        return new Entry(Instant.ofEpochMilli(millis), entry.substring(dash + 1));
    }

    record Entry(Instant createdAt, String jobId) {
    }
}

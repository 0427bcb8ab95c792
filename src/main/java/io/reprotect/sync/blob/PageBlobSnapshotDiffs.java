package io.reprotect.sync.blob;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ClearRange;
import com.azure.storage.blob.models.PageList;
import com.azure.storage.blob.models.PageRange;
import io.reprotect.cloud.RetryAfter;
import io.reprotect.pipeline.RetryableStageException;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.PageBlobLimits;
import io.reprotect.sync.PageRanges;
import io.reprotect.sync.SnapshotDiffs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link SnapshotDiffs} on Azure Storage: {@code PageBlobClient.getManagedDiskPageRangesDiff} on the
 * newer snapshot's SAS URL with {@code x-ms-previous-snapshot-url} set to the older one's.
 *
 * <p>Errors: {@code PreviousSnapshotNotFound}, {@code PreviousSnapshotOperationNotSupported} (the
 * base is not an incremental snapshot of this disk), {@code BlobGenerationMismatch} (the disk was
 * recreated since) and {@code PreviousSnapshotCannotBeNewer} become
 * {@link SnapshotDiffs.PreviousSnapshotGoneException}; 429, 408, 5xx and I/O errors become
 * {@link RetryableStageException} (honouring Retry-After); anything else is thrown as the SDK threw
 * it. Messages never carry the SAS URLs.
 */
@ApplicationScoped
public class PageBlobSnapshotDiffs implements SnapshotDiffs {

    /** Storage error codes meaning the base of the diff cannot be used (Blob service error codes). */
    static final Set<String> CHAIN_BROKEN = Set.of(BlobErrorCode.PREVIOUS_SNAPSHOT_NOT_FOUND.toString(),
            BlobErrorCode.PREVIOUS_SNAPSHOT_OPERATION_NOT_SUPPORTED.toString(), "BlobGenerationMismatch",
            BlobErrorCode.PREVIOUS_SNAPSHOT_CANNOT_BE_NEWER.toString(), "InvalidPreviousSnapshot");

    @Override
    public Diff diff(String snapshotReadUrl, String previousSnapshotReadUrl, ByteRange window) {
        if (window.isEmpty() || !window.isPageAligned() || window.length() > MAX_WINDOW_BYTES) {
            throw new IllegalArgumentException("A diff window must be page aligned, non-empty and at most "
                    + MAX_WINDOW_BYTES + " bytes: " + window);
        }
        PageList list;
        try {
            list = PageBlobIncrementalCopy.fromUrl(snapshotReadUrl)
                    .getManagedDiskPageRangesDiff(new BlobRange(window.offset(), window.length()), previousSnapshotReadUrl);
        } catch (BlobStorageException e) {
            throw translate(e, window);
        } catch (UncheckedIOException e) {
            throw new RetryableStageException("Network error asking the page-range diff " + window + ": "
                    + e.getCause().getMessage(), null, e);
        }
        return new Diff(changed(list, window), cleared(list, window));
    }

    private static RuntimeException translate(BlobStorageException e, ByteRange window) {
        String code = e.getErrorCode() == null ? "" : e.getErrorCode().toString();
        int status = e.getStatusCode();
        String what = "Page-range diff of window " + window + " failed with HTTP " + status + " " + code;
        if (CHAIN_BROKEN.contains(code)) {
            return new PreviousSnapshotGoneException(what + ": the older snapshot is gone, not an incremental "
                    + "snapshot of the same disk, or the disk was recreated; fall back to a full compare", e);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new RetryableStageException(what, retryAfter(e), e);
        }
        return e;
    }

    private static Duration retryAfter(HttpResponseException e) {
        return e.getResponse() == null ? null
                : RetryAfter.from(e.getResponse().getHeaders(), java.time.Instant.now()).orElse(null);
    }

    private static List<ByteRange> changed(PageList list, ByteRange window) {
        List<ByteRange> out = new ArrayList<>();
        if (list.getPageRange() != null) {
            for (PageRange r : list.getPageRange()) {
                out.add(toRange(r.getStart(), r.getEnd()));
            }
        }
        return PageRanges.clip(out, window);
    }

    private static List<ByteRange> cleared(PageList list, ByteRange window) {
        List<ByteRange> out = new ArrayList<>();
        if (list.getClearRange() != null) {
            for (ClearRange r : list.getClearRange()) {
                out.add(toRange(r.getStart(), r.getEnd()));
            }
        }
        return PageRanges.clip(out, window);
    }

    /** The service's inclusive [start, end] to a half-open range, checking it is whole pages. */
    private static ByteRange toRange(long start, long endInclusive) {
        ByteRange range = ByteRange.between(start, endInclusive + 1);
        if (!range.isPageAligned()) {
            throw new IllegalStateException("The service returned a range that is not whole "
                    + PageBlobLimits.PAGE_BYTES + "-byte pages: " + range);
        }
        return range;
    }
}

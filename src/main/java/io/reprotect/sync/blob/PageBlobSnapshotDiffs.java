package io.reprotect.sync.blob;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.storage.blob.implementation.AzureBlobStorageImplBuilder;
import com.azure.storage.blob.implementation.PageBlobsImpl;
import com.azure.storage.blob.implementation.models.BlobStorageExceptionInternal;
import com.azure.storage.blob.implementation.models.PageListHelper;
import com.azure.storage.blob.implementation.util.ModelHelper;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ClearRange;
import com.azure.storage.blob.models.PageList;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
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
 * {@link SnapshotDiffs} on Azure Storage: Get Page Ranges on the newer snapshot's SAS URL with
 * {@code x-ms-previous-snapshot-url} set to the older one's, following every {@code NextMarker}.
 *
 * <p>Paging: since service version 2020-10-02 the Blob service answers at most 10,000 ranges at a time
 * and then a {@code NextMarker} (a fragmented 256 MiB window, 4 KiB written every 8 KiB, has 32,768).
 * The SDK pages ordinary diffs ({@code listPageRangesDiff}), but its {@code ListPageRangesDiffOptions}
 * takes only a previous snapshot of the same blob, not a previous snapshot URL, and its managed-disk
 * diff ({@code getManagedDiskPageRangesDiff}) reads one answer and drops the marker. So this class
 * calls the SDK's generated operation ({@code PageBlobsImpl.getPageRangesDiff}, which the public
 * client calls underneath) with the client's own pipeline, and reads the marker with the SDK's
 * {@code PageListHelper}: same request, same error mapping, every page.
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

    /** Answers per window beyond which a service that never stops sending a marker is a fault. */
    static final int MAX_ANSWERS = 10_000;

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
        List<ByteRange> changed = new ArrayList<>();
        List<ByteRange> cleared = new ArrayList<>();
        int answers = 0;
        try {
            PageBlobClient snapshot = PageBlobIncrementalCopy.fromUrl(snapshotReadUrl);
            PageBlobsImpl service = new AzureBlobStorageImplBuilder().pipeline(snapshot.getHttpPipeline())
                    .url(snapshot.getAccountUrl()).version(snapshot.getServiceVersion().getVersion()).buildClient()
                    .getPageBlobs();
            String range = new BlobRange(window.offset(), window.length()).toHeaderValue();
            String marker = null;
            do {
                PageList page = service.getPageRangesDiffNoCustomHeadersWithResponse(snapshot.getContainerName(),
                        snapshot.getBlobName(), snapshot.getSnapshotId(), null, null, previousSnapshotReadUrl, range,
                        null, null, null, null, null, null, null, marker, null, Context.NONE).getValue();
                changed.addAll(changed(page, window));
                cleared.addAll(cleared(page, window));
                marker = PageListHelper.getNextMarker(page);
                if (++answers > MAX_ANSWERS) {
                    throw new IllegalStateException("The page-range diff of window " + window + " did not end after "
                            + MAX_ANSWERS + " answers: the service keeps returning a NextMarker");
                }
            } while (marker != null && !marker.isEmpty());
        } catch (BlobStorageExceptionInternal e) {
            throw translate(ModelHelper.mapToBlobStorageException(e), window); // as the public client maps it
        } catch (BlobStorageException e) {
            throw translate(e, window);
        } catch (UncheckedIOException e) {
            throw new RetryableStageException("Network error asking the page-range diff " + window + ": "
                    + e.getCause().getMessage(), null, e);
        }
        return new Diff(PageRanges.clip(changed, window), PageRanges.clip(cleared, window), answers);
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

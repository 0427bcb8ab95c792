package io.reprotect.cloud;

import java.time.Instant;
import java.util.Map;

/**
 * What a blob's properties say (Get Blob Properties): its size, its metadata and the last server-side copy into it.
 *
 * @param copyStatus            null when no copy ever targeted the blob
 * @param copyProgress          {@code bytesCopied/bytesTotal} as the service reports it; null without a copy
 * @param copyStatusDescription why a copy failed, in the service's words; null otherwise
 * @param copyCompletedAt       when the last copy ended (succeeded, failed or was aborted); null while pending
 */
public record BlobState(long sizeBytes, Map<String, String> metadata, CopyStatus copyStatus, String copyProgress,
        String copyStatusDescription, Instant copyCompletedAt) {

    public BlobState {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}

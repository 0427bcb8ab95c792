package io.reprotect.sync;

import io.reprotect.sync.blob.PageWriterKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of the delta sync ({@code reprotect.sync.*}). */
@ConfigMapping(prefix = "reprotect.sync")
public interface SyncConfig {

    /** How the replica is written: {@code from-url} (server side, Azure) or {@code local} (through the function, Azurite). */
    @WithDefault("from-url")
    PageWriterKind writer();

    /** Comparison chunk in bytes, at most 4 MiB (one Put Page). */
    @WithDefault("4194304")
    int chunkBytes();

    /** Smallest block written for a change, a multiple of 512 bytes. */
    @WithDefault("4096")
    int blockBytes();

    /** Chunks compared at once; memory is about 2 x this x chunk size. */
    @WithDefault("4")
    int parallelism();

    /**
     * Writes in flight at once in an incremental copy (Put Page From URL of up to 4 MiB each), 1 to 16: the service
     * copies them in parallel, so the copy of a busy disk takes about this many times less wall time.
     */
    @WithDefault("8")
    int writesInFlight();

    /**
     * Unchanged bytes between two changed ranges that one write of a cycle's copy may carry along (0 to 4 MiB, a
     * multiple of 512; 0: never), see {@code IncrementalCopy.DEFAULT_BRIDGED_GAP_BYTES}.
     */
    @WithDefault("65536")
    long bridgedGapBytes();

    /** Allocated bytes examined per slice (one function invocation). */
    @WithDefault("17179869184")
    long sliceBytes();

    /** Wall time after which a slice starts no new chunk; keep it well below the function timeout. */
    @WithDefault("PT4M")
    Duration sliceTime();

    /** The engine options, validated; the message names the key to fix. */
    default DeltaSyncOptions options() {
        try {
            return new DeltaSyncOptions(chunkBytes(), blockBytes(), parallelism());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid reprotect.sync.chunk-bytes, block-bytes or parallelism: "
                    + e.getMessage(), e);
        }
    }

    /** The per-slice limits, validated. */
    default SliceLimits sliceLimits() {
        try {
            return new SliceLimits(sliceBytes(), sliceTime());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid reprotect.sync.slice-bytes or slice-time: " + e.getMessage(), e);
        }
    }
}

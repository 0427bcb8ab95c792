package io.reprotect.sync;

/**
 * Tuning of the delta sync.
 *
 * @param chunkBytes  comparison chunk, a multiple of blockBytes, at most {@link PageBlobLimits#MAX_PUT_PAGE_BYTES}
 * @param blockBytes  refinement block: the smallest unit written for a change, a multiple of
 *                    {@link PageBlobLimits#PAGE_BYTES}
 * @param parallelism chunks in flight at once; memory is about 2 x parallelism x chunkBytes
 */
public record DeltaSyncOptions(int chunkBytes, int blockBytes, int parallelism) {

    public DeltaSyncOptions {
        if (blockBytes <= 0 || blockBytes % PageBlobLimits.PAGE_BYTES != 0) {
            throw new IllegalArgumentException("blockBytes must be a positive multiple of "
                    + PageBlobLimits.PAGE_BYTES + ", was " + blockBytes);
        }
        if (chunkBytes <= 0 || chunkBytes % blockBytes != 0 || chunkBytes > PageBlobLimits.MAX_PUT_PAGE_BYTES) {
            throw new IllegalArgumentException("chunkBytes must be a multiple of blockBytes (" + blockBytes
                    + ") and at most " + PageBlobLimits.MAX_PUT_PAGE_BYTES + ", was " + chunkBytes);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
    }

    /** 4 MiB chunks, 4 KiB blocks, 4 chunks in flight. */
    public static DeltaSyncOptions defaults() {
        return new DeltaSyncOptions(PageBlobLimits.DEFAULT_CHUNK_BYTES, PageBlobLimits.DEFAULT_BLOCK_BYTES,
                PageBlobLimits.DEFAULT_PARALLELISM);
    }

    public DeltaSyncOptions withParallelism(int value) {
        return new DeltaSyncOptions(chunkBytes, blockBytes, value);
    }
}

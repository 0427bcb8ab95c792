package io.reprotect.sync;

/** Service limits of Azure page blobs that the delta sync must respect, and its default granularities. */
public final class PageBlobLimits {

    /** A page blob is addressed in 512-byte pages; every offset and length must be a multiple of it. */
    public static final int PAGE_BYTES = 512;
    /** Largest body of one Put Page request (and of one Put Page From URL request). */
    public static final int MAX_PUT_PAGE_BYTES = 4 * 1024 * 1024;
    /** Default comparison chunk: one Put Page's worth, so a fully differing chunk is one write. */
    public static final int DEFAULT_CHUNK_BYTES = MAX_PUT_PAGE_BYTES;
    /** Default refinement block: a file-system block, so a 4 KiB change costs a 4 KiB write. */
    public static final int DEFAULT_BLOCK_BYTES = 4 * 1024;
    /** Default number of chunks compared at once; memory is about 2 x this x chunk size. */
    public static final int DEFAULT_PARALLELISM = 4;

    private PageBlobLimits() {
    }

    /** True when value is a whole number of pages. */
    public static boolean isPageAligned(long value) {
        return value % PAGE_BYTES == 0;
    }
}

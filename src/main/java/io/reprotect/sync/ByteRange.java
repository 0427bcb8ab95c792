package io.reprotect.sync;

/**
 * A half-open byte range [offset, offset + length) of a disk.
 *
 * @param offset first byte
 * @param length number of bytes, never negative
 */
public record ByteRange(long offset, long length) implements Comparable<ByteRange> {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("Invalid range: offset " + offset + ", length " + length);
        }
    }

    /** The range [start, end). */
    public static ByteRange between(long start, long end) {
        return new ByteRange(start, end - start);
    }

    /** First byte after the range. */
    public long end() {
        return offset + length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** True when both ends are multiples of {@link PageBlobLimits#PAGE_BYTES}. */
    public boolean isPageAligned() {
        return PageBlobLimits.isPageAligned(offset) && PageBlobLimits.isPageAligned(length);
    }

    /** The common part of both ranges, empty (at this range's offset) if they do not overlap. */
    public ByteRange intersect(ByteRange other) {
        long start = Math.max(offset, other.offset);
        long stop = Math.min(end(), other.end());
        return stop > start ? between(start, stop) : new ByteRange(offset, 0);
    }

    @Override
    public int compareTo(ByteRange other) {
        int byOffset = Long.compare(offset, other.offset);
        return byOffset != 0 ? byOffset : Long.compare(length, other.length);
    }

    @Override
    public String toString() {
        return "[" + offset + ", " + end() + ")";
    }
}

package io.reprotect.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Set arithmetic on lists of byte ranges. Every result is normalised: sorted, non-empty,
 * non-overlapping and non-adjacent (touching ranges are merged).
 */
public final class PageRanges {

    private PageRanges() {
    }

    /** Sorts and merges overlapping or touching ranges, dropping empty ones. */
    public static List<ByteRange> normalize(Collection<ByteRange> ranges) {
        List<ByteRange> sorted = ranges.stream().filter(r -> !r.isEmpty()).sorted().toList();
        List<ByteRange> merged = new ArrayList<>();
        for (ByteRange r : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).end() >= r.offset()) {
                ByteRange prev = merged.get(last);
                merged.set(last, ByteRange.between(prev.offset(), Math.max(prev.end(), r.end())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    public static List<ByteRange> union(Collection<ByteRange> a, Collection<ByteRange> b) {
        List<ByteRange> all = new ArrayList<>(a);
        all.addAll(b);
        return normalize(all);
    }

    /** Bytes in both a and b. */
    public static List<ByteRange> intersect(Collection<ByteRange> a, Collection<ByteRange> b) {
        List<ByteRange> left = normalize(a);
        List<ByteRange> right = normalize(b);
        List<ByteRange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            ByteRange common = left.get(i).intersect(right.get(j));
            if (!common.isEmpty()) {
                out.add(common);
            }
            if (left.get(i).end() < right.get(j).end()) {
                i++;
            } else {
                j++;
            }
        }
        return normalize(out);
    }

    /** Bytes in a but not in b. */
    public static List<ByteRange> subtract(Collection<ByteRange> a, Collection<ByteRange> b) {
        List<ByteRange> out = new ArrayList<>();
        List<ByteRange> holes = normalize(b);
        for (ByteRange r : normalize(a)) {
            long cursor = r.offset();
            for (ByteRange h : holes) {
                if (h.end() <= cursor || h.offset() >= r.end()) {
                    continue;
                }
                if (h.offset() > cursor) {
                    out.add(ByteRange.between(cursor, h.offset()));
                }
                cursor = Math.max(cursor, h.end());
            }
            if (cursor < r.end()) {
                out.add(ByteRange.between(cursor, r.end()));
            }
        }
        return normalize(out);
    }

    /** The parts of ranges inside window. */
    public static List<ByteRange> clip(Collection<ByteRange> ranges, ByteRange window) {
        return intersect(ranges, List.of(window));
    }

    public static long totalBytes(Collection<ByteRange> ranges) {
        return ranges.stream().mapToLong(ByteRange::length).sum();
    }

    /** Splits every range at multiples of maxBytes (absolute offsets), so no piece crosses a boundary. */
    public static List<ByteRange> splitAligned(Collection<ByteRange> ranges, long maxBytes) {
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange r : ranges) {
            long cursor = r.offset();
            while (cursor < r.end()) {
                long boundary = (cursor / maxBytes + 1) * maxBytes;
                long stop = Math.min(boundary, r.end());
                out.add(ByteRange.between(cursor, stop));
                cursor = stop;
            }
        }
        return out;
    }

    /**
     * Coalesces neighbouring ranges into runs of at most maxRunBytes: touching ranges are merged,
     * and a merged range longer than the limit is cut into consecutive runs of the limit.
     */
    public static List<ByteRange> coalesce(Collection<ByteRange> ranges, long maxRunBytes) {
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange r : normalize(ranges)) {
            for (long cursor = r.offset(); cursor < r.end(); cursor += maxRunBytes) {
                out.add(ByteRange.between(cursor, Math.min(r.end(), cursor + maxRunBytes)));
            }
        }
        return out;
    }

    /**
     * Coalesces nearby ranges into runs of at most maxRunBytes: ranges whose gap is at most maxGapBytes join one run
     * (the gap is written too) unless the gap touches a range of {@code keepOut}; a range longer than the limit is
     * cut into consecutive runs of the limit. Every range is covered; no run covers a byte of {@code keepOut} that
     * no range covers.
     */
    public static List<ByteRange> coalesceNearby(Collection<ByteRange> ranges, long maxGapBytes, long maxRunBytes,
            Collection<ByteRange> keepOut) {
        List<ByteRange> holes = normalize(keepOut);
        List<ByteRange> runs = new ArrayList<>();
        ByteRange run = null;
        for (ByteRange r : coalesce(ranges, maxRunBytes)) {
            boolean joins = run != null && r.offset() - run.end() <= maxGapBytes
                    && r.end() - run.offset() <= maxRunBytes
                    && clipNormalized(holes, ByteRange.between(run.end(), r.offset())).stream().allMatch(ByteRange::isEmpty);
            if (joins) {
                run = ByteRange.between(run.offset(), r.end());
            } else {
                if (run != null) {
                    runs.add(run);
                }
                run = r;
            }
        }
        if (run != null) {
            runs.add(run);
        }
        return runs;
    }

    /**
     * The parts of normalised ranges inside window, found by binary search: cheap for a long list
     * and a small window.
     */
    public static List<ByteRange> clipNormalized(List<ByteRange> normalized, ByteRange window) {
        int lo = 0;
        int hi = normalized.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (normalized.get(mid).end() <= window.offset()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<ByteRange> out = new ArrayList<>();
        for (int i = lo; i < normalized.size() && normalized.get(i).offset() < window.end(); i++) {
            out.add(normalized.get(i).intersect(window));
        }
        return out;
    }
}

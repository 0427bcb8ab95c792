package io.reprotect.sync;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A page blob in memory, for engine tests: bytes plus which pages are allocated. */
final class InMemoryDisk implements RangeReader, PageWriter, RangeDigester {

    private final byte[] data;
    private final BitSet pages = new BitSet();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    InMemoryDisk(int sizeBytes) {
        data = new byte[sizeBytes];
    }

    InMemoryDisk copy() {
        InMemoryDisk copy = new InMemoryDisk(data.length);
        System.arraycopy(data, 0, copy.data, 0, data.length);
        copy.pages.or(pages);
        return copy;
    }

    void put(long offset, byte[] bytes) {
        System.arraycopy(bytes, 0, data, (int) offset, bytes.length);
        pages.set(page(offset), page(offset + bytes.length));
    }

    void clear(long offset, long length) {
        Arrays.fill(data, (int) offset, (int) (offset + length), (byte) 0);
        pages.clear(page(offset), page(offset + length));
    }

    boolean sameAs(InMemoryDisk other) {
        return Arrays.equals(data, other.data) && pages.equals(other.pages);
    }

    @Override
    public long sizeBytes() {
        return data.length;
    }

    @Override
    public List<ByteRange> allocatedRanges(ByteRange window) {
        List<ByteRange> out = new ArrayList<>();
        for (int start = pages.nextSetBit(0); start >= 0; start = pages.nextSetBit(start)) {
            int end = pages.nextClearBit(start);
            out.add(ByteRange.between((long) start * PageBlobLimits.PAGE_BYTES, (long) end * PageBlobLimits.PAGE_BYTES));
            start = end;
        }
        return out;
    }

    @Override
    public void read(long offset, ByteBuffer target) {
        reads.incrementAndGet();
        target.put(data, (int) offset, target.remaining());
    }

    @Override
    public boolean needsSourceBytes() {
        return true;
    }

    @Override
    public void writePages(ByteRange range, ByteBuffer sourceBytes) {
        if (range.length() > PageBlobLimits.MAX_PUT_PAGE_BYTES || !range.isPageAligned()
                || sourceBytes.remaining() != range.length()) {
            throw new IllegalArgumentException("bad Put Page " + range);
        }
        writes.incrementAndGet();
        byte[] bytes = new byte[(int) range.length()];
        sourceBytes.duplicate().get(bytes);
        put(range.offset(), bytes);
    }

    @Override
    public void clearPages(ByteRange range) {
        clear(range.offset(), range.length());
    }

    @Override
    public byte[] digest(ByteRange range) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, (int) range.offset(), (int) range.length());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int page(long offset) {
        return (int) (offset / PageBlobLimits.PAGE_BYTES);
    }
}

package io.reprotect.sync;

import java.nio.ByteBuffer;

/**
 * The two buffers of one in-flight chunk. Byte i of a buffer holds disk byte chunk.offset() + i.
 *
 * @param chunk  the chunk being synced
 * @param source source bytes, at least chunk.length() long
 * @param seed   seed bytes, at least chunk.length() long
 */
public record ChunkBuffers(ByteRange chunk, byte[] source, byte[] seed) {

    /** Index in a buffer of disk byte offset. */
    public int indexOf(long offset) {
        return Math.toIntExact(offset - chunk.offset());
    }

    /** A view of the source buffer holding range. */
    public ByteBuffer sourceView(ByteRange range) {
        return ByteBuffer.wrap(source, indexOf(range.offset()), Math.toIntExact(range.length())).slice();
    }

    /** A view of the seed buffer holding range. */
    public ByteBuffer seedView(ByteRange range) {
        return ByteBuffer.wrap(seed, indexOf(range.offset()), Math.toIntExact(range.length())).slice();
    }

    /** The same arrays, reused for another chunk. */
    public ChunkBuffers forChunk(ByteRange next) {
        return new ChunkBuffers(next, source, seed);
    }
}

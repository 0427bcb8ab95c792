package io.reprotect.sync;

/** Port for a side whose bytes are not read directly but summarised by a strong digest (SHA-256 or better). */
public interface RangeDigester {

    /** A collision-resistant digest of the bytes in range; equal digests mean equal bytes. */
    byte[] digest(ByteRange range);
}

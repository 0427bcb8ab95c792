package io.reprotect.cloud;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The 512-byte footer that ends a fixed VHD (Microsoft's Virtual Hard Disk Image Format
 * Specification, "Hard Disk Footer Format"). Azure imports a page blob as a managed disk only
 * when it ends with a valid fixed-VHD footer whose current size is the blob's size minus 512 and a
 * whole number of MiB. Fields are big-endian; the checksum is the one's complement of the sum of
 * every footer byte except the checksum's own four.
 *
 * @param virtualSizeBytes the disk's size as a VM sees it (the footer's current size)
 */
public record VhdFooter(long virtualSizeBytes, UUID uniqueId, Instant created) {

    /** Size of the footer, and of a page. */
    public static final int FOOTER_BYTES = 512;
    /** Azure requires the virtual size of an imported VHD to be a whole number of MiB. */
    public static final long SIZE_ALIGNMENT_BYTES = 1L << 20;
    private static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    private static final int FEATURES_RESERVED = 0x00000002;
    private static final int FORMAT_VERSION = 0x00010000;
    private static final long FIXED_DATA_OFFSET = -1L;
    private static final int DISK_TYPE_FIXED = 2;
    private static final Instant VHD_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final int CHECKSUM_OFFSET = 64;

    public VhdFooter {
        if (virtualSizeBytes <= 0 || virtualSizeBytes % SIZE_ALIGNMENT_BYTES != 0) {
            throw new IllegalArgumentException("A fixed VHD for Azure must be a whole number of MiB, not "
                    + virtualSizeBytes + " bytes");
        }
    }

    /** The footer's 512 bytes. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(FOOTER_BYTES);
        b.put(COOKIE).putInt(FEATURES_RESERVED).putInt(FORMAT_VERSION).putLong(FIXED_DATA_OFFSET)
                .putInt((int) (created.getEpochSecond() - VHD_EPOCH.getEpochSecond()))
                .put("vrpt".getBytes(StandardCharsets.US_ASCII)).putInt(0x00010000)
                .put("Wi2k".getBytes(StandardCharsets.US_ASCII))
                .putLong(virtualSizeBytes).putLong(virtualSizeBytes).putInt(geometry(virtualSizeBytes))
                .putInt(DISK_TYPE_FIXED).putInt(0)
                .putLong(uniqueId.getMostSignificantBits()).putLong(uniqueId.getLeastSignificantBits());
        byte[] bytes = b.array();
        ByteBuffer.wrap(bytes, CHECKSUM_OFFSET, 4).putInt(checksum(bytes));
        return bytes;
    }

    /**
     * Parses and checks a footer as Azure does before an import, for a blob of {@code blobSizeBytes}.
     *
     * @throws IllegalArgumentException saying what is wrong: cookie, checksum, type, or size
     */
    public static VhdFooter parse(byte[] footer, long blobSizeBytes) {
        if (footer.length != FOOTER_BYTES) {
            throw new IllegalArgumentException("A VHD footer is " + FOOTER_BYTES + " bytes, got " + footer.length);
        }
        if (!Arrays.equals(Arrays.copyOf(footer, COOKIE.length), COOKIE)) {
            throw new IllegalArgumentException("the VHD footer's cookie is not 'conectix' (is the blob a VHD?)");
        }
        ByteBuffer b = ByteBuffer.wrap(footer);
        if (b.getInt(CHECKSUM_OFFSET) != checksum(footer)) {
            throw new IllegalArgumentException("the VHD footer's checksum does not match its content");
        }
        if (b.getInt(60) != DISK_TYPE_FIXED) {
            throw new IllegalArgumentException("the VHD is not fixed (disk type " + b.getInt(60)
                    + "); Azure imports fixed VHDs only");
        }
        long current = b.getLong(48);
        if (current != blobSizeBytes - FOOTER_BYTES) {
            throw new IllegalArgumentException("the VHD footer's size " + current + " is not the blob's size minus "
                    + FOOTER_BYTES + " (" + (blobSizeBytes - FOOTER_BYTES) + ")");
        }
        if (current % SIZE_ALIGNMENT_BYTES != 0) {
            throw new IllegalArgumentException("the VHD's virtual size " + current + " is not a whole number of MiB");
        }
        Instant created = VHD_EPOCH.plusSeconds(Integer.toUnsignedLong(b.getInt(24)));
        return new VhdFooter(current, new UUID(b.getLong(68), b.getLong(76)), created);
    }

    /** One's complement of the byte sum, skipping the checksum field. */
    static int checksum(byte[] footer) {
        int sum = 0;
        for (int i = 0; i < footer.length; i++) {
            if (i < CHECKSUM_OFFSET || i >= CHECKSUM_OFFSET + 4) {
                sum += footer[i] & 0xFF;
            }
        }
        return ~sum;
    }

    /** CHS geometry (cylinders, heads, sectors per track) by the specification's algorithm. */
    static int geometry(long sizeBytes) {
        long totalSectors = Math.min(sizeBytes / 512, 65535L * 16 * 255);
        long sectorsPerTrack;
        long heads;
        long cylinderTimesHeads;
        if (totalSectors >= 65535L * 16 * 63) {
            sectorsPerTrack = 255;
            heads = 16;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
        } else {
            sectorsPerTrack = 17;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
            heads = Math.max(4, (cylinderTimesHeads + 1023) / 1024);
            if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
                sectorsPerTrack = 31;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
            if (cylinderTimesHeads >= heads * 1024) {
                sectorsPerTrack = 63;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
        }
        long cylinders = cylinderTimesHeads / heads;
        return (int) ((cylinders << 16) | (heads << 8) | sectorsPerTrack);
    }
}

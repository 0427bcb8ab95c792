package io.reprotect.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VhdFooterTest {

    static final long GIB = 1L << 30;
    static final UUID ID = UUID.fromString("6f1c2a3b-0000-4000-8000-00000000abcd");
    static final Instant CREATED = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void fixedFooterOfOneGibHasTheSpecifiedLayoutAndParsesBack() {
        byte[] footer = new VhdFooter(GIB, ID, CREATED).toBytes();
        ByteBuffer b = ByteBuffer.wrap(footer);
        assertThat(footer).hasSize(512);
        assertThat(new String(footer, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("conectix");
        assertThat(b.getInt(8)).isEqualTo(2);                 // features: reserved bit
        assertThat(b.getInt(12)).isEqualTo(0x00010000);       // format version 1.0
        assertThat(b.getLong(16)).isEqualTo(-1L);             // fixed disks have no data offset
        assertThat(b.getLong(40)).isEqualTo(GIB);             // original size
        assertThat(b.getLong(48)).isEqualTo(GIB);             // current size
        assertThat(b.getShort(56)).isEqualTo((short) 2080);   // cylinders for 1 GiB: 2080/16/63
        assertThat(footer[58]).isEqualTo((byte) 16);
        assertThat(footer[59]).isEqualTo((byte) 63);
        assertThat(b.getInt(60)).isEqualTo(2);                // disk type fixed
        assertThat(VhdFooter.parse(footer, GIB + 512)).isEqualTo(new VhdFooter(GIB, ID, CREATED));
    }

    @Test
    void checksumIsTheOnesComplementOfTheByteSum() {
        byte[] footer = new VhdFooter(4L << 20, ID, CREATED).toBytes();
        int sum = 0;
        for (int i = 0; i < footer.length; i++) {
            if (i < 64 || i >= 68) {
                sum += footer[i] & 0xFF;
            }
        }
        assertThat(ByteBuffer.wrap(footer).getInt(64)).isEqualTo(~sum);
    }

    @Test
    void aCorruptedByteIsRefusedByTheChecksum() {
        byte[] footer = new VhdFooter(GIB, ID, CREATED).toBytes();
        footer[100] ^= 1;
        assertThatThrownBy(() -> VhdFooter.parse(footer, GIB + 512)).hasMessageContaining("checksum");
    }

    @Test
    void aBlobWithoutFooterIsRefusedByItsCookie() {
        assertThatThrownBy(() -> VhdFooter.parse(new byte[512], GIB + 512)).hasMessageContaining("conectix");
    }

    @Test
    void aFooterWhoseSizeIsNotTheBlobsMinus512IsRefused() {
        byte[] footer = new VhdFooter(GIB, ID, CREATED).toBytes();
        assertThatThrownBy(() -> VhdFooter.parse(footer, GIB)).hasMessageContaining("blob's size minus 512");
    }

    @Test
    void aDynamicVhdIsRefused() {
        byte[] footer = new VhdFooter(GIB, ID, CREATED).toBytes();
        ByteBuffer.wrap(footer).putInt(60, 3).putInt(64, VhdFooter.checksum(withType(footer, 3)));
        assertThatThrownBy(() -> VhdFooter.parse(footer, GIB + 512)).hasMessageContaining("not fixed");
    }

    @Test
    void sizesThatAreNotWholeMibCannotBeWritten() {
        assertThatThrownBy(() -> new VhdFooter(GIB + 512, ID, CREATED)).hasMessageContaining("whole number of MiB");
    }

    private static byte[] withType(byte[] footer, int type) {
        byte[] copy = footer.clone();
        ByteBuffer.wrap(copy).putInt(60, type);
        return copy;
    }
}

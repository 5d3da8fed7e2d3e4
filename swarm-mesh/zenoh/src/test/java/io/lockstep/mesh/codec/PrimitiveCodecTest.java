package io.lockstep.mesh.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PrimitiveCodecTest {

    private static byte[] zint(long v) {
        return new ByteWriter().writeZInt(v).toByteArray();
    }

    @Test
    void zintMatchesZenohLayout() {
        assertArrayEquals(HexFormat.of().parseHex("00"), zint(0));
        assertArrayEquals(HexFormat.of().parseHex("7f"), zint(127));
        assertArrayEquals(HexFormat.of().parseHex("8001"), zint(128));
        assertArrayEquals(HexFormat.of().parseHex("904e"), zint(10_000));
        // u64::MAX takes 9 bytes: eight 7-bit groups and a final full byte.
        assertArrayEquals(HexFormat.of().parseHex("ffffffffffffffffff"), zint(-1L));
    }

    @Test
    void zintRoundTripsAcrossLengths() {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, 1L << 28, (1L << 35) - 1, 1L << 56, Long.MAX_VALUE, -1L};
        for (long v : values) {
            byte[] b = zint(v);
            assertEquals(ZInt.length(v), b.length, "length of " + v);
            ByteReader r = new ByteReader(b);
            assertEquals(v, r.readZInt());
            assertFalse(r.hasRemaining());
        }
    }

    @Test
    void truncatedZintIsRefused() {
        assertThrows(MalformedMessageException.class, () -> new ByteReader(new byte[] {(byte) 0x80}).readZInt());
    }

    @Test
    void boundedIntegersRejectLargeValues() {
        assertThrows(MalformedMessageException.class, () -> new ByteReader(zint(70_000)).readZInt16());
        assertThrows(MalformedMessageException.class, () -> new ByteReader(zint(1L << 33)).readZInt32());
    }

    @Test
    void lengthsLargerThanTheBufferAreRefusedWithoutAllocating() {
        ByteWriter w = new ByteWriter().writeZInt(Integer.MAX_VALUE).writeBytes(new byte[4]);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> new ByteReader(w.toByteArray()).readSlice());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void stringsMustBeUtf8() {
        byte[] bad = new ByteWriter().writeZInt(2).writeU8(0xC3).writeU8(0x28).toByteArray();
        assertThrows(MalformedMessageException.class, () -> new ByteReader(bad).readString());
        assertEquals("démo", new ByteReader(new ByteWriter().writeString("démo").toByteArray()).readString());
    }

    @Test
    void u16IsLittleEndian() {
        byte[] b = new ByteWriter().writeU16Le(2048).toByteArray();
        assertArrayEquals(new byte[] {0x00, 0x08}, b);
        assertEquals(2048, new ByteReader(b).readU16Le());
        assertThrows(MalformedMessageException.class, () -> new ByteReader(new byte[] {1}).readU16Le());
    }
}

package io.lockstep.mesh.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

    @Test
    void chainRoundTripsWithMoreFlags() {
        List<Extension> exts = List.of(Extension.unit(2, false), Extension.zint(6, false, 10_000),
                Extension.zbuf(3, true, new byte[] {1, 2, 3}));
        ByteWriter w = new ByteWriter();
        Extensions.write(w, exts);
        byte[] bytes = w.toByteArray();
        assertEquals(0x82, bytes[0] & 0xFF, "unit, more");
        assertEquals(0xA6, bytes[1] & 0xFF, "zint id 6, more");
        assertEquals(exts, Extensions.read(new ByteReader(bytes)));
    }

    @Test
    void unknownOptionalExtensionIsSkipped() {
        Extensions.unknown(Extension.zint(9, false, 1), "TEST");
        ByteWriter w = new ByteWriter();
        Extensions.write(w, List.of(Extension.zbuf(9, false, new byte[] {7, 7})));
        w.writeU8(0x42);
        ByteReader r = new ByteReader(w.toByteArray());
        Extensions.skipAll(r, "TEST");
        assertEquals(0x42, r.readU8(), "reader positioned after the skipped extension");
    }

    @Test
    void unknownMandatoryExtensionIsRefused() {
        ByteWriter w = new ByteWriter();
        Extensions.write(w, List.of(Extension.zint(9, true, 1)));
        UnknownMandatoryExtensionException e = assertThrows(UnknownMandatoryExtensionException.class,
                () -> Extensions.skipAll(new ByteReader(w.toByteArray()), "TEST"));
        assertEquals("unknown mandatory extension 0x39 in TEST", e.getMessage());
    }

    @Test
    void reservedEncodingAndEndlessChainsAreRefused() {
        assertThrows(MalformedMessageException.class, () -> Extensions.read(new ByteReader(new byte[] {0x61})));
        byte[] endless = new byte[100];
        java.util.Arrays.fill(endless, (byte) 0x82);
        assertThrows(MalformedMessageException.class, () -> Extensions.read(new ByteReader(endless)));
    }

    @Test
    void zbufBodyIsCopied() {
        byte[] body = {1, 2};
        Extension e = Extension.zbuf(1, false, body);
        body[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, e.body());
    }
}

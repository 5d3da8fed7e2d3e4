package io.lockstep.mesh.codec;

/** How an extension body is laid out (bits 5-6 of the extension header). */
public enum ExtensionEncoding {
    UNIT(0x00), ZINT(0x20), ZBUF(0x40);

    public static final int MASK = 0x60;
    private final int bits;

    ExtensionEncoding(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static ExtensionEncoding fromHeader(int header) {
        switch (header & MASK) {
            case 0x00: return UNIT;
            case 0x20: return ZINT;
            case 0x40: return ZBUF;
            default: throw new MalformedMessageException(String.format("reserved extension encoding in header 0x%02x", header));
        }
    }
}

package io.lockstep.mesh.codec;

import java.util.Arrays;

/**
 * One message extension: header {@code |Z|ENC|M|ID|} followed by nothing (unit), a zint, or a length-prefixed
 * byte buffer.
 */
public final class Extension {
    public static final int FLAG_MORE = 0x80;
    public static final int FLAG_MANDATORY = 0x10;
    public static final int ID_MASK = 0x0F;

    private final int id;
    private final boolean mandatory;
    private final ExtensionEncoding encoding;
    private final long value;
    private final byte[] body;

    private Extension(int id, boolean mandatory, ExtensionEncoding encoding, long value, byte[] body) {
        if (id < 0 || id > ID_MASK) {
            throw new IllegalArgumentException("extension id out of range: " + id);
        }
        this.id = id;
        this.mandatory = mandatory;
        this.encoding = encoding;
        this.value = value;
        this.body = body;
    }

    public static Extension unit(int id, boolean mandatory) {
        return new Extension(id, mandatory, ExtensionEncoding.UNIT, 0, null);
    }

    public static Extension zint(int id, boolean mandatory, long value) {
        return new Extension(id, mandatory, ExtensionEncoding.ZINT, value, null);
    }

    public static Extension zbuf(int id, boolean mandatory, byte[] body) {
        return new Extension(id, mandatory, ExtensionEncoding.ZBUF, 0, body.clone());
    }

    public int id() {
        return id;
    }

    public boolean mandatory() {
        return mandatory;
    }

    public ExtensionEncoding encoding() {
        return encoding;
    }

    /** Header without the "more" flag: what identifies the extension. */
    public int key() {
        return id | (mandatory ? FLAG_MANDATORY : 0) | encoding.bits();
    }

    public boolean is(int expectedKey) {
        return key() == expectedKey;
    }

    public long value() {
        return value;
    }

    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    public ByteReader bodyReader() {
        return new ByteReader(body == null ? new byte[0] : body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.id == id && e.mandatory == mandatory && e.encoding == encoding
                && e.value == value && Arrays.equals(e.body, body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body) * 31 + key() + Long.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("Extension[0x%02x %s]", key(), encoding == ExtensionEncoding.ZINT ? Long.toUnsignedString(value)
                : encoding == ExtensionEncoding.ZBUF ? body.length + " bytes" : "unit");
    }
}

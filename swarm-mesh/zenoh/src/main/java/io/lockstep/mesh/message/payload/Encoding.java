package io.lockstep.mesh.message.payload;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.MalformedMessageException;
import java.util.Objects;

/** Wire encoding of a payload: numeric id of a well-known type plus an optional schema (e.g. a charset). */
public record Encoding(int id, String schema) {
    public static final Encoding DEFAULT = new Encoding(0, null);

    public Encoding {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("encoding id out of range: " + id);
        }
    }

    public boolean isDefault() {
        return id == 0 && schema == null;
    }

    public void encode(ByteWriter w) {
        w.writeZInt(((long) id << 1) | (schema != null ? 1 : 0));
        if (schema != null) {
            w.writeString(schema);
        }
    }

    public static Encoding decode(ByteReader r) {
        long raw = r.readZInt32();
        long id = raw >>> 1;
        if (id > 0xFFFF) {
            throw new MalformedMessageException("encoding id out of range: " + id);
        }
        String schema = (raw & 1) != 0 ? r.readString() : null;
        return new Encoding((int) id, schema);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && e.id == id && Objects.equals(e.schema, schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, schema);
    }
}

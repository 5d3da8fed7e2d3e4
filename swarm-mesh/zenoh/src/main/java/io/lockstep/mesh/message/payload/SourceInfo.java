package io.lockstep.mesh.message.payload;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;

/** Who originally published a sample, and its sequence number at the source. */
public record SourceInfo(EntityGlobalId source, long sn) {
    public byte[] toBytes() {
        ByteWriter w = new ByteWriter(24);
        source.encode(w);
        w.writeZInt(sn);
        return w.toByteArray();
    }

    public static SourceInfo decode(ByteReader r) {
        EntityGlobalId id = EntityGlobalId.decode(r);
        return new SourceInfo(id, r.readZInt32());
    }
}

package io.lockstep.mesh.message.payload;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.message.ZenohId;

/** Hybrid logical clock timestamp: a 64-bit NTP time and the id of the clock that made it. */
public record Timestamp(long ntp64, ZenohId id) {
    public void encode(ByteWriter w) {
        w.writeZInt(ntp64);
        w.writeSlice(id.bytes());
    }

    public static Timestamp decode(ByteReader r) {
        long time = r.readZInt();
        return new Timestamp(time, new ZenohId(r.readSlice()));
    }

    public byte[] toBytes() {
        ByteWriter w = new ByteWriter(24);
        encode(w);
        return w.toByteArray();
    }

}

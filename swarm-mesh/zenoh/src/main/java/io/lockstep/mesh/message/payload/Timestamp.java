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

    /** The current time as NTP64 (seconds since 1900 in the high 32 bits, fraction in the low 32). */
    public static Timestamp now(ZenohId id) {
        long nanos = System.currentTimeMillis() * 1_000_000L;
        long seconds = nanos / 1_000_000_000L + 2_208_988_800L;
        long fraction = ((nanos % 1_000_000_000L) << 32) / 1_000_000_000L;
        return new Timestamp((seconds << 32) | fraction, id);
    }
}

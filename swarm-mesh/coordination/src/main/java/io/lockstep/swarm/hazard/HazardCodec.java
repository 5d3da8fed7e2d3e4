package io.lockstep.swarm.hazard;

import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.codec.Limits;
import io.lockstep.swarm.codec.MalformedMessageException;
import io.lockstep.swarm.codec.WireReader;
import io.lockstep.swarm.codec.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * Hazard wire format, version 1 (big-endian, docs/hazards.md):
 * <pre>
 *   "LSHZ" u8 version=1   u8 len, sender node id UTF-8 (1..128)   u8 len, mission id UTF-8 (0..128)
 *   u8 kind (1 detection, 2 obstacle, 3 operator)   varint hazard id   i64 sequence (&gt;= 0)
 *   i32 x_mm   i32 y_mm   i32 radius_mm (1..1,000,000)   i64 issued_at_ms (&gt;= 0)   i32 ttl_ms (1..3,600,000)
 * </pre>
 * Nothing may follow; at most {@value #MAX_BYTES} bytes.
 */
public final class HazardCodec {

    static final byte[] MAGIC = "LSHZ".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** The size cap, checked before anything is decoded. */
    public static final int MAX_BYTES = 320;

    private HazardCodec() {
    }

    public static byte[] encode(Hazard h) {
        return new WireWriter().bytes(MAGIC).u8(VERSION).text(h.sender()).optionalText(h.missionId())
                .u8(h.kind().code()).varint(h.hazardId()).i64(h.sequence()).i32(h.xMm()).i32(h.yMm()).i32(h.radiusMm()).i64(h.issuedAtMs()).i32(h.ttlMs()).toByteArray();
    }

    public static Hazard decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, MAX_BYTES, MAGIC, VERSION, "hazard");
        String sender = r.text(NodeIds.MAX_BYTES, "sender");
        String mission = r.optionalText(Limits.MAX_MISSION_ID_BYTES, "mission id");
        int kindCode = r.u8("kind");
        HazardKind kind = HazardKind.ofCode(kindCode);
        if (kind == null) {
            throw new MalformedMessageException("unknown hazard kind " + kindCode);
        }
        int id = r.varint("hazard id");
        long sequence = r.i64("sequence");
        int x = r.i32("x");
        int y = r.i32("y");
        int radius = r.i32("radius");
        long issuedAt = r.i64("issued at");
        int ttl = r.i32("ttl");
        r.expectEnd("hazard");
        try {
            return new Hazard(sender, mission, id, sequence, kind, x, y, radius, issuedAt, ttl);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("hazard: " + e.getMessage());
        }
    }
}

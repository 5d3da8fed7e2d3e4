package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.codec.MalformedMessageException;
import io.lockstep.swarm.codec.WireReader;
import io.lockstep.swarm.codec.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Intent wire format, version 1 (big-endian), at most {@link #MAX_BYTES}:
 * <pre>
 *   "LSRW" u8 version=1   u8 len, sender id UTF-8 (1..128)   i64 sequence (&gt;= 0)   i64 time_ms
 *   i64 expires_at_ms (time_ms &lt; expires &lt;= time_ms + 60000)   i32 lat_e7   i32 lon_e7
 *   i32 velocity_east_mmps   i32 velocity_north_mmps   u8 flags (bit 0 carrying payload, 1 holding,
 *   2 retreating; others 0)   u8 mission_priority   u8 claim count (0..32)
 *   per claim: i32 zone (&gt;= 0, strictly ascending)   u8 state (bit 0 inside, bit 1 committed; others 0)
 * </pre>
 * Nothing may follow. Decoding throws only {@link MalformedMessageException}.
 */
public final class IntentCodec {

    static final byte[] MAGIC = "LSRW".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Header of the longest sender id plus 32 claims fits with room to spare. */
    public static final int MAX_BYTES = 512;

    private IntentCodec() {
    }

    public static byte[] encode(Intent i) {
        WireWriter w = new WireWriter().bytes(MAGIC).u8(VERSION).text(i.nodeId()).i64(i.sequence()).i64(i.timeMs())
                .i64(i.expiresAtMs()).i32(i.latE7()).i32(i.lonE7()).i32(i.velocityEastMmps())
                .i32(i.velocityNorthMmps()).u8(i.flags()).u8(i.missionPriority()).u8(i.claims().size());
        for (ZoneClaim c : i.claims()) {
            w.i32(c.zone()).u8(c.flags());
        }
        return w.toByteArray();
    }

    public static Intent decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, MAX_BYTES, MAGIC, VERSION, "intent");
        String node = r.text(NodeIds.MAX_BYTES, "sender id");
        long sequence = r.i64("sequence");
        long time = r.i64("time");
        long expires = r.i64("expiry");
        int lat = r.i32("latitude");
        int lon = r.i32("longitude");
        int ve = r.i32("velocity east");
        int vn = r.i32("velocity north");
        int flags = r.u8("flags");
        int priority = r.u8("mission priority");
        int count = r.u8("claim count");
        if (count > Intent.MAX_CLAIMS || count * 5 > r.remaining()) {
            throw new MalformedMessageException("intent claims " + count + " zones (" + r.remaining()
                    + " bytes left, at most " + Intent.MAX_CLAIMS + ")");
        }
        List<ZoneClaim> claims = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int zone = r.i32("zone");
            int state = r.u8("claim state");
            if ((state & ~3) != 0 || zone < 0) {
                throw new MalformedMessageException("claim " + k + " is not a zone id and a known state");
            }
            claims.add(new ZoneClaim(zone, (state & 1) != 0, (state & 2) != 0));
        }
        r.expectEnd("intent");
        try {
            return new Intent(node, sequence, time, expires, lat, lon, ve, vn, flags, priority, claims);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("intent: " + e.getMessage());
        }
    }
}

package io.lockstep.edge.hazard;

import io.lockstep.swarm.hazard.Hazard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code swarm.hazards} host event (docs/agent-abi.md, "Hazards"): peers' hazards received since the
 * last tick, in canonical order, journaled like every input. Little-endian: u32 layout (1), u32 count, then per
 * hazard: u8 kind, u8 sender length, sender UTF-8, u32 hazard id, f64 x_m, f64 y_m, f64 radius_m, u32
 * ttl_ticks. The time to live is in ticks of the mission, counted from the tick that receives the event, so
 * an agent computes a hazard's expiry from tick numbers alone (never from a clock), and a replay agrees.
 */
public final class HazardEvents {

    public static final String KIND = "swarm.hazards";
    public static final int LAYOUT = 1;
    /** At most this many hazards per event; the board is bounded too, so a flood never makes a huge event. */
    public static final int MAX_PER_EVENT = 64;

    private HazardEvents() {
    }

    /**
     * @param hazards canonical order, at most {@link #MAX_PER_EVENT}
     * @param nowMs the node's clock when the tick starts
     * @param tickPeriodMs the mission's tick period
     */
    public static byte[] encode(List<Hazard> hazards, long nowMs, int tickPeriodMs) {
        int size = 8;
        for (Hazard h : hazards) {
            size += 2 + h.sender().getBytes(StandardCharsets.UTF_8).length + 4 + 24 + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LAYOUT).putInt(hazards.size());
        for (Hazard h : hazards) {
            byte[] sender = h.sender().getBytes(StandardCharsets.UTF_8);
            long remaining = Math.max(0, h.expiresAtMs() - nowMs);
            long ticks = Math.max(1, (remaining + tickPeriodMs - 1) / tickPeriodMs);
            b.put((byte) h.kind().code()).put((byte) sender.length).put(sender).putInt(h.hazardId())
                    .putDouble(h.xM()).putDouble(h.yM()).putDouble(h.radiusM()).putInt((int) Math.min(ticks,
                            Integer.MAX_VALUE));
        }
        return b.array();
    }
}

package io.lockstep.edge.swarm;

import io.lockstep.swarm.rightofway.Manoeuvre;
import io.lockstep.swarm.rightofway.RightOfWayDecision;
import io.lockstep.swarm.rightofway.WaitAlert;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The right-of-way host events (docs/agent-abi.md, "Right of way"), journaled with the tick they enter:
 * <ul>
 *   <li>{@code swarm.intents}: the peers' intents accepted since the last tick, little-endian u32 count, then
 *       per intent u32 length and the intent's wire bytes ({@code LSRW}, docs/right-of-way.md), by sender id;
 *       then per intent, in the same order, u32 its age in ms by this node's clock when it entered (the
 *       separation guard ages it by tick periods from there);</li>
 *   <li>{@code swarm.right_of_way}: this node's decision when it changes, UTF-8
 *       {@code <GO|HOLD|RETREAT> waiting=<ids, comma-separated>};</li>
 *   <li>{@code swarm.right_of_way_alert}: a wait that outlasted the timeout, UTF-8, one line.</li>
 * </ul>
 */
public final class RightOfWayEvents {

    public static final String INTENTS = "swarm.intents";
    public static final String DECISION = "swarm.right_of_way";
    public static final String ALERT = "swarm.right_of_way_alert";

    private RightOfWayEvents() {
    }

    /** An accepted intent's wire bytes and its age (ms) when it entered. */
    public record Accepted(byte[] data, long ageMs) {
    }

    public static byte[] intents(List<Accepted> accepted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(accepted.size()));
        for (Accepted intent : accepted) {
            out.writeBytes(le(intent.data().length));
            out.writeBytes(intent.data());
        }
        for (Accepted intent : accepted) {
            out.writeBytes(le((int) Math.min(Integer.MAX_VALUE, intent.ageMs())));
        }
        return out.toByteArray();
    }

    /** A hold while a zone nobody else claims settles is not a wait: it reads GO. */
    public static String decision(RightOfWayDecision d) {
        boolean waiting = d.manoeuvre() == Manoeuvre.RETREAT || !d.waitingFor().isEmpty();
        return (waiting ? d.manoeuvre() : Manoeuvre.GO) + " waiting=" + String.join(",", d.waitingFor());
    }

    public static byte[] alert(WaitAlert alert) {
        return alert.describe().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}

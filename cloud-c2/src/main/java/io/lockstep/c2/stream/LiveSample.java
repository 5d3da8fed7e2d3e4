package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * A node's latest telemetry sample as the stream sends it. Kept as plain fields (not JSON) because nodes may
 * send 100 samples a second: it is turned into JSON only when a client's next frame is due, once for all
 * clients (the text is kept with the sample).
 */
final class LiveSample {
    private final long seq;
    private final String nodeId;
    private final String missionId;
    private final long tick;
    private final double xM;
    private final double yM;
    private final double vxMps;
    private final double vyMps;
    private final double batteryFraction;
    private final long receivedAtMs;
    private volatile RawValue rendered;

    LiveSample(long seq, String nodeId, String missionId, long tick, double xM, double yM, double vxMps,
            double vyMps, double batteryFraction, long receivedAtMs) {
        this.seq = seq;
        this.nodeId = nodeId;
        this.missionId = missionId;
        this.tick = tick;
        this.xM = xM;
        this.yM = yM;
        this.vxMps = vxMps;
        this.vyMps = vyMps;
        this.batteryFraction = batteryFraction;
        this.receivedAtMs = receivedAtMs;
    }

    long seq() {
        return seq;
    }

    /** Direction of travel in degrees clockwise from north (the local frame's +y), 0 when standing still. */
    double headingDeg() {
        if (vxMps == 0 && vyMps == 0) {
            return 0;
        }
        double degrees = Math.toDegrees(Math.atan2(vxMps, vyMps));
        return degrees < 0 ? degrees + 360 : degrees;
    }

    ObjectNode json(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("nodeId", nodeId);
        node.put("missionId", missionId);
        node.put("tick", tick);
        node.put("xM", xM);
        node.put("yM", yM);
        node.put("vxMps", vxMps);
        node.put("vyMps", vyMps);
        node.put("headingDeg", headingDeg());
        node.put("batteryFraction", batteryFraction);
        node.put("receivedAtMs", receivedAtMs);
        return node;
    }

    /** The sample's JSON text, rendered once however many clients get it. */
    RawValue rendered(ObjectMapper mapper) {
        RawValue text = rendered;
        if (text == null) {
            text = new RawValue(json(mapper).toString());
            rendered = text;
        }
        return text;
    }
}

package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A node's latest telemetry sample as the stream sends it. Kept as a record (not JSON) because nodes may send
 * 100 samples a second: it is turned into JSON only when a client's next frame is due.
 */
record LiveSample(long seq, String nodeId, String missionId, long tick, double xM, double yM, double vxMps,
        double vyMps, double batteryFraction, long receivedAtMs) {

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
}

package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An edge node's local REST debug port ({@code /debug/v1}): reads, and the writes the fleet's nodes allow with
 * their debug token (hazards, e-stop).
 */
public final class NodeDebugApi {
    /** The debug write token of the nodes the CLI starts (loopback only, never a secret worth more). */
    static final String FLEET_DEBUG_TOKEN = "lockstep-fleet-" + Long.toHexString(new java.security.SecureRandom()
            .nextLong());
    private final JsonHttp http;

    public NodeDebugApi(int debugPort) {
        this.http = new JsonHttp("http://127.0.0.1:" + debugPort + "/debug/v1");
    }

    /** Live hazards and counters ({@code GET /debug/v1/hazards}). */
    public JsonNode hazards() {
        return http.get("/hazards");
    }

    /**
     * Hazard {@code sender/hazardId} as this node applied it (receivedAtMicros, appliedAtMicros, intakeCpuMicros),
     * the node answering once it has (it waits up to {@code waitMs}, so nobody polls it); fails after that.
     */
    public JsonNode awaitHazard(String sender, int hazardId, long waitMs) {
        return http.get("/hazards/" + sender + "/" + hazardId + "?waitMs=" + waitMs);
    }

    /**
     * Marks an operator hazard for the fleet; the answer has hazardId, publishedAtMicros, sentAtMicros (the put
     * written) and publishCpuMicros.
     */
    public JsonNode markHazard(double xM, double yM, double radiusM, double ttlS) {
        return http.postJson("/hazards", java.util.Map.of("xM", xM, "yM", yM, "radiusM", radiusM, "ttlS", ttlS),
                "X-Lockstep-Debug-Token", FLEET_DEBUG_TOKEN);
    }

    /** Engages the node's e-stop at the vehicle (and, over the mesh, every peer's). */
    public JsonNode engageEstop(String reason) {
        return http.postJson("/estop", java.util.Map.of("engaged", true, "reason", reason),
                "X-Lockstep-Debug-Token", FLEET_DEBUG_TOKEN);
    }

    /** Clears the node's e-stop latch from the vehicle (a peer never can). */
    public JsonNode releaseEstop() {
        return http.postJson("/estop", java.util.Map.of("engaged", false),
                "X-Lockstep-Debug-Token", FLEET_DEBUG_TOKEN);
    }

    /** The latch and when it latched ({@code GET /debug/v1/fleet-stop}). */
    public JsonNode fleetStop() {
        return http.get("/fleet-stop");
    }

    /**
     * The same, answered once the node latched at or after {@code latchedSinceMicros} and
     * has received at least {@code received} e-stops over the mesh, or after {@code waitMs}: nobody polls the node
     * while a stop travels.
     */
    public JsonNode awaitFleetStop(long latchedSinceMicros, long received, long waitMs) {
        return http.get("/fleet-stop?waitMs=" + waitMs + "&latchedSinceMicros=" + latchedSinceMicros
                + "&received=" + received);
    }

    public JsonNode status() {
        return http.get("/status");
    }

    /** The vehicle's state now and the last sensor frame ({@code /telemetry}). */
    public JsonNode telemetry() {
        return http.get("/telemetry");
    }

    public JsonNode metrics() {
        return http.get("/metrics");
    }
}

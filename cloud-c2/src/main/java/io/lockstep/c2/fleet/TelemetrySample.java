package io.lockstep.c2.fleet;

import java.time.Instant;

/** A node's latest telemetry (local frame, east/north metres). */
public record TelemetrySample(String missionId, long tick, double xM, double yM, double vxMps, double vyMps,
        double batteryFraction, Instant receivedAt) {
}

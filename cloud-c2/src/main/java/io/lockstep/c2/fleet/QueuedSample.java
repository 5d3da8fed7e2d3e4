package io.lockstep.c2.fleet;

import io.lockstep.proto.v1.Telemetry;

/** A telemetry sample waiting in {@link TelemetryIntake} to be stored, with the time C2 received it. */
public record QueuedSample(String nodeId, Telemetry sample, long receivedAtMs) {
}

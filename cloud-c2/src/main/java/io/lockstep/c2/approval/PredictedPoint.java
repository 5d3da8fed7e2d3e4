package io.lockstep.c2.approval;

/**
 * One point of a node's predicted path in a simulation result: the simulated tick (from the mission's start on
 * the node, like the ticks nodes report) and the position in the mission's local frame, metres east and north of
 * its frame origin (the frame telemetry uses).
 */
public record PredictedPoint(long tick, double xM, double yM) {
}

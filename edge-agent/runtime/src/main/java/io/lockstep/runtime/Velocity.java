package io.lockstep.runtime;

/** A velocity request in the local frame, metres per second (east, north). */
public record Velocity(double vx, double vy) {
}

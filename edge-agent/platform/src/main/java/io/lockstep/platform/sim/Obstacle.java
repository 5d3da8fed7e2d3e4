package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.Shape;

/** A solid obstacle: range beams stop at it and the simulated vehicle cannot enter it. */
public record Obstacle(String id, Shape shape) {
}

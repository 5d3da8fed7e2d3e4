package io.lockstep.edge.debug;

import io.lockstep.edge.mission.ManualOverride;

/**
 * A manual override in effect.
 *
 * @param vx requested velocity east, m/s (the supervisor may still limit it)
 * @param vy requested velocity north, m/s
 * @param remainingMs until the agents drive again
 */
public record OverrideView(double vx, double vy, long remainingMs) {

    static OverrideView of(ManualOverride.Active a, long nowMillis) {
        return new OverrideView(a.vx(), a.vy(), Math.max(0, a.untilMillis() - nowMillis));
    }
}

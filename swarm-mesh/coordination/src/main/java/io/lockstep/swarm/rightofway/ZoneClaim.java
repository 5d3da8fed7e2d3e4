package io.lockstep.swarm.rightofway;

/**
 * One zone a node claims: a zone it is {@code inside} (its vehicle's safety disc overlaps it) or one on its
 * intended path it wants to enter.
 */
public record ZoneClaim(int zone, boolean inside) {

    public ZoneClaim {
        if (zone < 0) {
            throw new IllegalArgumentException("zone ids are non-negative, got " + zone);
        }
    }
}

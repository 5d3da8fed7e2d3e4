package io.lockstep.swarm.rightofway;

/**
 * One zone a node claims: a zone it is {@code inside} (its vehicle's safety disc overlaps it), or one on its
 * intended path it wants to enter; {@code committed} when it has had that zone for the settle time and may be
 * entering it (a committed claim is a held lease: a later claim, whatever its priority, waits for it).
 */
public record ZoneClaim(int zone, boolean inside, boolean committed) {

    public ZoneClaim {
        if (zone < 0) {
            throw new IllegalArgumentException("zone ids are non-negative, got " + zone);
        }
    }

    public ZoneClaim(int zone, boolean inside) {
        this(zone, inside, false);
    }

    /** Wire form: bit 0 inside, bit 1 committed. */
    int flags() {
        return (inside ? 1 : 0) | (committed ? 2 : 0);
    }
}

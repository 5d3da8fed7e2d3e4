package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;

/**
 * A disc the vehicle must not enter: a hazard a peer reported (docs/hazards.md), in the local frame.
 *
 * @param centre centre, metres
 * @param radiusM radius, metres (&gt; 0)
 * @param label who reported what, for the intervention's detail
 */
public record KeepOutZone(Vec2 centre, double radiusM, String label) {

    public KeepOutZone {
        if (!centre.isFinite() || !(radiusM > 0.0) || !Double.isFinite(radiusM)) {
            throw new IllegalArgumentException("keep-out zone needs a finite centre and radius > 0, got " + centre
                    + " r=" + radiusM);
        }
    }

    public boolean contains(Vec2 point) {
        return point.distanceTo(centre) < radiusM;
    }
}

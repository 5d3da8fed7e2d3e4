package io.lockstep.platform.sim;

import io.lockstep.platform.geometry.Shape;

/**
 * An area filled with an obscurant (smoke, dust, spray) that the hazard model should flag. The vehicle can
 * drive through it, but range beams are scattered back after travelling {@code visibilityM} metres inside it,
 * so a vehicle in the zone reads short ranges in every direction: the signature the hazard model scores high.
 */
public record HazardZone(String id, Shape shape, double visibilityM) {
}

package io.lockstep.edge.mission;

/**
 * What one tick saw and did, kept in memory for the debug port.
 *
 * @param tick the tick number
 * @param x sensed position east, metres
 * @param y sensed position north, metres
 * @param battery sensed battery fraction
 * @param flags the sensor frame flags the agents saw
 * @param peerMessages peer messages delivered at this tick
 * @param commands command inputs delivered at this tick
 * @param hostEvents host events (supervisor interventions, link-policy changes) journaled at this tick
 * @param requestedVx velocity the agents requested, east (0 when none)
 * @param requestedVy velocity the agents requested, north
 * @param appliedVx velocity the supervisor sent to the vehicle, east
 * @param appliedVy velocity the supervisor sent to the vehicle, north
 * @param overridden whether the supervisor changed the request
 * @param emitted messages the agents emitted
 * @param inferenceCalls inference calls made during the tick
 * @param fingerprint hex state fingerprint after the tick
 */
public record TickRecord(long tick, double x, double y, double battery, int flags, int peerMessages, int commands,
        int hostEvents, double requestedVx, double requestedVy, double appliedVx, double appliedVy,
        boolean overridden, int emitted, int inferenceCalls, String fingerprint) {
}

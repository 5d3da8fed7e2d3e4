package io.lockstep.swarm.separation;

/**
 * What the {@link SeparationGuard} made of a velocity command.
 *
 * @param vxMps velocity to pass on, east
 * @param vyMps velocity to pass on, north
 * @param action what it did
 * @param peer the peer it acted for ("" when it passed the command)
 * @param distanceM distance from this vehicle to that peer's extrapolated position
 * @param guardM the guard distance around that peer
 * @param detail one line for the supervisor's intervention ("" when it passed the command)
 */
public record GuardVerdict(double vxMps, double vyMps, Action action, String peer, double distanceM, double guardM,
        String detail) {

    /** What the guard did to the command. */
    public enum Action {
        /** Nothing: no peer near enough. */
        PASS,
        /** The part of the command closing in on a peer was limited (or the vehicle pushed out of its disc). */
        HOLD,
        /** The vehicle gives way to a peer that goes first: it steps aside instead of following the command. */
        STEP_ASIDE
    }

    public boolean acted() {
        return action != Action.PASS;
    }
}

package io.lockstep.platform.safety;

/** The rules through which the safety supervisor overrides a command. */
public enum InterventionKind {
    /** Swarm right of way: held short of a zone another node has, or backed out of one (below safety). */
    SWARM_YIELD,
    /**
     * Separation guard: a command that would have brought the vehicle within the safety distance of a peer's
     * announced position was limited, or the vehicle stepped aside for a peer that goes first (docs/right-of-way.md).
     */
    SEPARATION_HOLD,
    /** A command would have left the mission geofence; it was slowed to stop at the boundary. */
    GEOFENCE_CLAMP,
    /** A command closing in on a peer's hazard was limited to stop at its edge (docs/hazards.md). */
    HAZARD_KEEP_OUT,
    /** An obstacle ahead in the direction of travel: the command was slowed or stopped. */
    OBSTACLE_STOP,
    /** The battery fell below the reserve: the supervisor took over and steers to base. */
    BATTERY_RTB,
    /** Return to base asked for by the node (e.g. a mission's RETURN_TO_BASE link-loss policy). */
    RETURN_TO_BASE,
    /** The emergency stop was latched. */
    ESTOP,
    /** The tick loop stalled: the vehicle was stopped from the watchdog thread. */
    DEADMAN_STOP
}

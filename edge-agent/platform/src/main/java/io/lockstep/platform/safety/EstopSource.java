package io.lockstep.platform.safety;

/** Where an emergency stop came from. */
public enum EstopSource {
    /** An EmergencyStop command from C2. */
    C2(true),
    /** The node's local debug port (an operator at the vehicle). */
    LOCAL_DEBUG_PORT(true),
    /** A peer on the mesh. A peer may stop this vehicle but not release it. */
    MESH(false);

    private final boolean commander;

    EstopSource(boolean commander) {
        this.commander = commander;
    }

    /** Whether this source is a commander, allowed to clear a latched e-stop. */
    public boolean canClear() {
        return commander;
    }
}

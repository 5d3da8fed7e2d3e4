package io.lockstep.swarm.sim;

import io.lockstep.runtime.ExecutionMode;

/**
 * One simulator run: mission, fleet size, seed, faults, whether each node runs its real agent in the
 * deterministic runtime, and in which execution mode (the interpreter starts fastest for tiny runs).
 */
public record SimConfig(SimMission mission, int nodes, long seed, FaultSpec faults, boolean runAgents,
                        ExecutionMode mode) {

    /** Ticks between a node's periodic coverage and digest publications. */
    public static final int PUBLISH_EVERY = 2;
    /** Ticks between a node's membership announcements. */
    public static final int ANNOUNCE_EVERY = 10;
    /** Ticks without reachability before a peer's liveliness token is considered lost. */
    public static final int LEASE_TICKS = 5;
    /** How long a disagreement may last before a divergence alert. */
    public static final int SETTLE_TICKS = 20;

    public SimConfig {
        if (nodes < 1 || nodes > 256) {
            throw new IllegalArgumentException("nodes must be 1..256");
        }
    }

    public static SimConfig of(SimMission mission, int nodes, long seed, FaultSpec faults) {
        return new SimConfig(mission, nodes, seed, faults, true, ExecutionMode.INTERPRETER);
    }

    /** Ticks a (re)started node waits for catch-up answers before it works. */
    public int catchUpTicks() {
        return faults.maxDelayTicks() + 2;
    }

    /** Allowed ticks from the last fault until every live node agrees again. */
    public int reconvergenceBoundTicks() {
        return LEASE_TICKS + catchUpTicks() + 4 * (faults.maxDelayTicks() + 1 + PUBLISH_EVERY) + 10;
    }

    /** Ticks within which faults start. */
    public long faultWindow() {
        return 120;
    }
}

package io.lockstep.swarm.sim;

import io.lockstep.runtime.ExecutionMode;

/**
 * One simulator run: mission, fleet size, seed, faults, whether each node runs its real agent in the
 * deterministic runtime, and in which execution mode (the interpreter starts fastest for tiny runs).
 */
public record SimConfig(SimMission mission, int nodes, long seed, FaultSpec faults, boolean runAgents,
                        ExecutionMode mode) {

    /** Period of a node's coverage and digest publications (besides one on every completion). */
    public static final int PUBLISH_PERIOD_MS = 400;
    /** Period of a node's membership announcements. */
    public static final int ANNOUNCE_PERIOD_MS = 2000;
    /** Liveliness lease: a peer unreachable this long is lost. */
    public static final int LEASE_MS = 1000;
    /** How long a disagreement may last before a divergence alert. */
    public static final int SETTLE_MS = 4000;

    public SimConfig {
        if (nodes < 1 || nodes > 256) {
            throw new IllegalArgumentException("nodes must be 1..256");
        }
    }

    public static SimConfig of(SimMission mission, int nodes, long seed, FaultSpec faults) {
        return new SimConfig(mission, nodes, seed, faults, true, ExecutionMode.INTERPRETER);
    }

    private int ticks(int ms) {
        return Math.max(1, ms / mission.tickPeriodMs());
    }

    /** The periods above in ticks of this mission (at least 1). */
    public int publishEveryTicks() {
        return ticks(PUBLISH_PERIOD_MS);
    }

    public int announceEveryTicks() {
        return ticks(ANNOUNCE_PERIOD_MS);
    }

    public int leaseTicks() {
        return ticks(LEASE_MS);
    }

    public int settleTicks() {
        return ticks(SETTLE_MS);
    }

    /** Ticks a (re)started node waits for catch-up answers before it works. */
    public int catchUpTicks() {
        return faults.maxDelayTicks() + 2;
    }

    /** Allowed ticks from the last fault until every live node agrees again. */
    public int reconvergenceBoundTicks() {
        return leaseTicks() + catchUpTicks() + 4 * (faults.maxDelayTicks() + 1 + publishEveryTicks()) + 10;
    }

    /** Ticks within which faults start. */
    public long faultWindow() {
        return 120;
    }
}

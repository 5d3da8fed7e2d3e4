package io.lockstep.swarm.sim.rightofway;

import java.util.List;
import java.util.Map;

/**
 * What one right-of-way run produced.
 *
 * @param minSeparationM the smallest distance between two vehicles at any tick
 * @param guardStops times the simulated range-sensor guard had to stop a vehicle (the protocol failed to keep
 *        it clear; expected only across a partition)
 * @param finishTicks per node, the tick it reached the end of its lane, or -1
 * @param alerts per node, wait timeouts it raised (protocol waits and guard-blocked waits)
 * @param deadlocked nodes that neither finished, died nor raised an alert by the end
 * @param waitedForDeadClaim whether the survivor in {@link RowScenario#DEAD_CLAIM} waited for the dead node
 * @param survivorEnteredTick the tick the survivor's disc first overlapped the zone after the death, or -1
 * @param deadLeaseEndTick the tick the dead node's last intent expired, or -1
 * @param digest SHA-256 of every tick's vehicle states and decisions, hex
 */
public record RowResult(RowScenario scenario, long seed, double minSeparationM, double safetyDistanceM, int ticks,
        long guardStops, long yields, long cyclesBroken, long retreats, Map<String, Integer> finishTicks,
        Map<String, Long> alerts, List<String> deadlocked, boolean waitedForDeadClaim, int survivorEnteredTick,
        int deadLeaseEndTick, long messagesLost, long messagesDropped, String digest) {

    public boolean separationKept() {
        return minSeparationM >= safetyDistanceM;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%s seed %d: min separation %.2f m (safety %.2f), %d ticks, %d guard stops, %d yields, %d retreats, "
                        + "%d cycles broken, finished %s, alerts %s, deadlocked %s, digest %s",
                scenario, seed, minSeparationM, safetyDistanceM, ticks, guardStops, yields, retreats, cyclesBroken,
                finishTicks, alerts, deadlocked, digest.substring(0, 16));
    }
}

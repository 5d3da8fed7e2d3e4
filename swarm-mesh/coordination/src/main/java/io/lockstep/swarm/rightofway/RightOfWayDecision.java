package io.lockstep.swarm.rightofway;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One node's right of way at one instant.
 *
 * @param manoeuvre go, hold or retreat
 * @param clearedZones the claimed zones this node may be in or enter now, ascending
 * @param othersZones the claimed zones another node has, ascending (the rest of the uncleared ones are
 *        this node's, still settling)
 * @param waitingFor the nodes holding zones it wants, in node id order
 * @param cycleVictims every node chosen to break a wait cycle (the same on every node with the same intents)
 * @param alert a wait timeout raised at this instant
 */
public record RightOfWayDecision(Manoeuvre manoeuvre, List<Integer> clearedZones, List<Integer> othersZones,
        List<String> waitingFor,
        SortedSet<String> cycleVictims, Optional<WaitAlert> alert) {

    public RightOfWayDecision {
        clearedZones = List.copyOf(clearedZones);
        othersZones = List.copyOf(othersZones);
        waitingFor = List.copyOf(waitingFor);
    }

    public boolean mayEnter(int zone) {
        return manoeuvre != Manoeuvre.RETREAT && clearedZones.contains(zone);
    }
}

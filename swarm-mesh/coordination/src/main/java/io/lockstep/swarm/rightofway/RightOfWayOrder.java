package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.Comparator;

/**
 * The fixed priority order: payload carriers first, then the higher mission priority, then the smaller node id
 * ({@link NodeIds#ORDER}). Node ids are unique, so the order is total and strict between two nodes; it uses
 * nothing but the announced intents, so every node orders the same way. A comparison result below zero means
 * the first intent goes first.
 */
public final class RightOfWayOrder {

    public static final Comparator<Intent> FIRST_FIRST = Comparator
            .comparing((Intent i) -> !i.carryingPayload())
            .thenComparing(Intent::missionPriority, Comparator.reverseOrder())
            .thenComparing(Intent::nodeId, NodeIds.ORDER);

    /**
     * Who gets a zone among its claimants: a vehicle already inside it first (it cannot vanish), then one that
     * holds it committed (a granted lease is not taken away, or a vehicle too close to brake would be told to
     * stop), then the priority order, which so settles concurrent claims.
     */
    public static Comparator<Intent> forZone(int zone) {
        return Comparator.comparing((Intent i) -> !i.inside(zone)).thenComparing(i -> !i.committed(zone))
                .thenComparing(FIRST_FIRST);
    }

    private RightOfWayOrder() {
    }
}

package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.KeepOutZone;
import io.lockstep.swarm.hazard.DetectionReport;
import io.lockstep.swarm.hazard.HazardKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Mission mode: hazards one simulated node finds keep the others out, as an edge node's HazardService does over
 * the mesh (docs/hazards.md). A find becomes a hazard unless it lies inside a live hazard of the same kind the
 * node already published (coalesced); it holds {@link DetectionReport#ttlMsOf} its kind's time in mission ticks; every peer
 * reachable when it is published receives it and its supervisor keeps its vehicle out from the next tick. A
 * node's own finds are not its own keep-out zones (its sensors act on them), as on a node.
 */
final class SimHazards {

    private record Live(int finder, HazardKind kind, Vec2 centre, double radiusM, long expiresTick,
                        boolean[] receivedBy, String label) {
    }

    private final List<Live> live = new ArrayList<>();
    private final int tickPeriodMs;
    private final long[] shared;
    private final long[] received;
    private long now;
    private int next;

    SimHazards(int nodes, int tickPeriodMs) {
        this.tickPeriodMs = tickPeriodMs;
        this.shared = new long[nodes];
        this.received = new long[nodes];
    }

    /** Moves to {@code tick}: hazards whose time ran out stop holding. */
    void advanceTo(long tick) {
        now = tick;
        live.removeIf(h -> h.expiresTick() <= tick);
    }

    /** {@code finder} found a hazard; {@code reachable} says which peers hear its publication. */
    void found(int finder, HazardKind kind, Vec2 centre, double radiusM, IntPredicate reachable) {
        if (!centre.isFinite()) {
            return;
        }
        for (Live h : live) {
            if (h.finder() == finder && h.kind() == kind && h.centre().distanceTo(centre) < h.radiusM()) {
                return; // coalesced into the node's own live hazard
            }
        }
        boolean[] receivedBy = new boolean[shared.length];
        for (int peer = 0; peer < shared.length; peer++) {
            if (peer != finder && reachable.test(peer)) {
                receivedBy[peer] = true;
                received[peer]++;
            }
        }
        shared[finder]++;
        long ttlTicks = Math.max(1, (DetectionReport.ttlMsOf(kind) + tickPeriodMs - 1) / tickPeriodMs);
        live.add(new Live(finder, kind, centre, radiusM, now + ttlTicks, receivedBy,
                kind.keyChunk() + ":node-" + (finder + 1) + "/" + next++));
    }

    /** The keep-out zones of {@code node}'s supervisor: the live hazards its peers shared with it. */
    List<KeepOutZone> zonesOf(int node) {
        List<KeepOutZone> zones = new ArrayList<>();
        for (Live h : live) {
            if (h.receivedBy()[node]) {
                zones.add(new KeepOutZone(h.centre(), h.radiusM(), h.label()));
            }
        }
        return zones;
    }

    long sharedBy(int node) {
        return shared[node];
    }

    long receivedBy(int node) {
        return received[node];
    }
}

package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * One node's side of the right-of-way protocol. Not a negotiation: from the intents it knows (its own and the
 * peers' unexpired ones) it computes, for every claimed zone, the node that has it ({@link
 * RightOfWayOrder#forZone}: inside first, then a committed claim, then payload, mission priority, node id), the
 * wait-for graph and its cycle victims. A zone is cleared for this node when it has had it for the settle time
 * (or is inside it); {@link #claims} then announces it committed, so a later claim cannot take it away.
 * Outcome: {@link Manoeuvre#RETREAT} when it is a cycle victim or inside a zone another occupant outranks it
 * in, {@link Manoeuvre#HOLD} while any claimed zone is not cleared, otherwise {@link Manoeuvre#GO}. A wait
 * longer than the timeout raises one {@link WaitAlert}. Time is passed in; nothing here reads a clock. Not
 * thread-safe.
 */
public final class RightOfWay {

    private final String self;
    private final RightOfWayConfig config;
    private final IntentTable peers;
    private final Map<Integer, Long> heldSince = new TreeMap<>();
    private final java.util.SortedSet<Integer> committed = new java.util.TreeSet<>();
    private long waitingSince = -1;
    private boolean alerted;
    private long yields;
    private long alerts;
    private long cyclesBroken;

    public RightOfWay(String self, RightOfWayConfig config, IntentTable peers) {
        this.self = NodeIds.require(self);
        this.config = config;
        this.peers = peers;
    }

    /**
     * This node's claims for its next intent: the zones it is inside and those its path enters ahead, the latter
     * marked committed when the last decision cleared them.
     */
    public List<ZoneClaim> claims(java.util.Collection<Integer> inside, java.util.Collection<Integer> ahead) {
        java.util.SortedMap<Integer, ZoneClaim> out = new TreeMap<>();
        ahead.forEach(z -> out.put(z, new ZoneClaim(z, false, committed.contains(z))));
        inside.forEach(z -> out.put(z, new ZoneClaim(z, true, committed.contains(z))));
        return List.copyOf(out.values());
    }

    /**
     * Decides for this node's current intent.
     *
     * @param own this node's intent as it is about to announce it (its claims: the zones it is in and the
     *        zones of its path ahead)
     */
    public RightOfWayDecision decide(Intent own, long nowMs) {
        if (!own.nodeId().equals(self)) {
            throw new IllegalArgumentException("own intent names " + own.nodeId() + ", this node is " + self);
        }
        peers.expire(nowMs);
        Map<String, Intent> all = new TreeMap<>(NodeIds.ORDER);
        peers.live().forEach(i -> all.put(i.nodeId(), i));
        all.put(self, own);

        Map<Integer, Intent> holders = holders(all);
        WaitForGraph graph = new WaitForGraph();
        for (Intent i : all.values()) {
            for (ZoneClaim c : i.claims()) {
                Intent holder = holders.get(c.zone());
                if (!holder.nodeId().equals(i.nodeId())) {
                    graph.addEdge(i.nodeId(), holder.nodeId());
                }
            }
        }
        Comparator<String> byPriority = Comparator.comparing(all::get, RightOfWayOrder.FIRST_FIRST);
        SortedSet<String> victims = graph.victims(byPriority);

        List<Integer> cleared = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        boolean insideOthers = false;
        for (ZoneClaim c : own.claims()) {
            boolean mine = holders.get(c.zone()).nodeId().equals(self);
            if (!mine) {
                heldSince.remove(c.zone());
                others.add(c.zone());
                insideOthers |= c.inside();
                continue;
            }
            long since = heldSince.computeIfAbsent(c.zone(), z -> nowMs);
            if (c.inside() || nowMs - since >= config.settleMs()) {
                cleared.add(c.zone());
            }
        }
        heldSince.keySet().removeIf(zone -> !own.claims(zone));

        Manoeuvre manoeuvre;
        if (victims.contains(self) || insideOthers) {
            manoeuvre = Manoeuvre.RETREAT;
        } else if (cleared.size() < own.claims().size()) {
            manoeuvre = Manoeuvre.HOLD;
        } else {
            manoeuvre = Manoeuvre.GO;
        }
        committed.clear();
        if (manoeuvre != Manoeuvre.RETREAT) {
            committed.addAll(cleared);
        }
        List<String> waitingFor = List.copyOf(graph.waitsFor(self));
        return new RightOfWayDecision(manoeuvre, cleared, others, waitingFor, victims,
                track(manoeuvre, waitingFor, victims, nowMs));
    }

    private static Map<Integer, Intent> holders(Map<String, Intent> all) {
        Map<Integer, Intent> holders = new TreeMap<>();
        for (Intent i : all.values()) {
            for (ZoneClaim c : i.claims()) {
                holders.merge(c.zone(), i, (a, b) -> RightOfWayOrder.forZone(c.zone()).compare(a, b) <= 0 ? a : b);
            }
        }
        return holders;
    }

    /** A wait is a hold for another node's zone or a retreat; settling a zone nobody else claims is not one. */
    private Optional<WaitAlert> track(Manoeuvre manoeuvre, List<String> waitingFor, SortedSet<String> victims,
            long nowMs) {
        boolean waiting = manoeuvre == Manoeuvre.RETREAT || manoeuvre == Manoeuvre.HOLD && !waitingFor.isEmpty();
        if (!waiting) {
            waitingSince = -1;
            alerted = false;
            return Optional.empty();
        }
        if (waitingSince < 0) {
            waitingSince = nowMs;
            yields++;
            if (victims.contains(self)) {
                cyclesBroken++;
            }
        }
        if (!alerted && nowMs - waitingSince >= config.waitTimeoutMs()) {
            alerted = true;
            alerts++;
            return Optional.of(new WaitAlert(self, manoeuvre, waitingFor, waitingSince, nowMs));
        }
        return Optional.empty();
    }

    /** Waits (holds for another node's zone, retreats) started so far. */
    public long yields() {
        return yields;
    }

    /** Wait timeouts raised. */
    public long alerts() {
        return alerts;
    }

    /** Times this node was the victim chosen to break a wait cycle. */
    public long cyclesBroken() {
        return cyclesBroken;
    }

    public IntentTable peers() {
        return peers;
    }
}

package io.lockstep.edge.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of a mission's nodes are members, from the liveliness tokens this node sees over time. A node
 * is lost once its token has stayed gone for the settle window (a node never seen since the mission
 * started gets {@code startGraceMillis} first, so a mesh still connecting loses nobody), and is a member
 * again as soon as its token is back. This node is always a member. Plain state, driven by the caller's
 * clock; the members it yields are journaled by the mission run before they reach the agents.
 */
public final class MembershipTracker {

    private final List<String> missionNodes;
    private final String self;
    private final long settleMillis;
    private final Map<String, Long> absentSince = new HashMap<>();
    private final Set<String> lost = new TreeSet<>();
    /** When each lost node was found lost (the caller's clock): the moment its open cells were handed out. */
    private final Map<String, Long> lostAt = new TreeMap<>();

    public MembershipTracker(List<String> missionNodes, String self, long settleMillis, long startMillis,
            long startGraceMillis) {
        this.missionNodes = List.copyOf(missionNodes);
        this.self = self;
        this.settleMillis = settleMillis;
        // A peer not seen yet counts as absent from a moment chosen so that it is lost after the grace.
        for (String node : missionNodes) {
            absentSince.put(node, startMillis + startGraceMillis - settleMillis);
        }
    }

    /**
     * Updates from the nodes whose tokens are visible now ({@code keyOf} maps a node id to the
     * member key it publishes its token under).
     */
    public void observe(Set<String> liveKeys, java.util.function.UnaryOperator<String> keyOf, long nowMillis) {
        for (String node : missionNodes) {
            if (node.equals(self) || liveKeys.contains(keyOf.apply(node))) {
                absentSince.remove(node);
                lost.remove(node);
                lostAt.remove(node);
            } else {
                long since = absentSince.computeIfAbsent(node, n -> nowMillis);
                if (nowMillis - since >= settleMillis && lost.add(node)) {
                    lostAt.put(node, nowMillis);
                }
            }
        }
    }

    /** The members now, in the mission's node order. */
    public List<String> members() {
        List<String> out = new ArrayList<>();
        for (String node : missionNodes) {
            if (!lost.contains(node)) {
                out.add(node);
            }
        }
        return out;
    }

    /** Mission nodes lost now, each with the time (caller's clock) it was found lost, sorted by node. */
    public Map<String, Long> lostAtMillis() {
        return new TreeMap<>(lostAt);
    }

    /** Mission nodes lost now, sorted. */
    public Set<String> lost() {
        return new TreeSet<>(lost);
    }
}

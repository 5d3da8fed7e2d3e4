package io.lockstep.swarm.allocation;

import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one allocation function every node runs: from (plan, membership view, completed set, cells in
 * progress) to the owner of every cell. No leader, no vote, no round trip: equal inputs give equal
 * outputs on every node.
 * <ol>
 *   <li>A completed cell has no owner.</li>
 *   <li>A cell that live members report working on (their claim) stays with that member; when several
 *       live members claim the same cell, the one with the highest rendezvous score keeps it (ties: the
 *       smallest node id).</li>
 *   <li>Every other cell goes to the live member with the highest {@link RendezvousHash} score, weighted
 *       by capability; ties go to the smallest node id ({@link NodeIds#ORDER}).</li>
 * </ol>
 * Rendezvous hashing moves only the lost node's cells when a node leaves, and only about
 * {@code 1/(n+1)} of the open cells when one joins.
 */
public final class Allocator {

    /** Bumped whenever the function above changes; nodes publish it in their agreement digest. */
    public static final int VERSION = 1;

    private Allocator() {
    }

    public static Allocation allocate(CellPlan plan, MembershipView view, CoverageSet completed,
                                      Map<String, Integer> claims) {
        return allocate(plan.missionId(), plan.version(), plan.size(), view, completed, claims);
    }

    /**
     * @param claims node id to the cell that node reports working on; claims of nodes outside the view,
     *               of completed cells and of out-of-range cells are ignored
     */
    public static Allocation allocate(String missionId, long planVersion, int cellCount, MembershipView view,
                                      CoverageSet completed, Map<String, Integer> claims) {
        if (!completed.missionId().equals(missionId) || completed.planVersion() != planVersion
                || completed.cellCount() != cellCount) {
            throw new IllegalArgumentException("coverage " + completed.describePlan() + " is not of plan "
                    + missionId + " v" + planVersion + " (" + cellCount + " cells)");
        }
        int members = view.size();
        long[] nodeKeys = new long[members];
        int[] capability = new int[members];
        int maxCapability = 0;
        for (int i = 0; i < members; i++) {
            Member m = view.members().get(i);
            nodeKeys[i] = RendezvousHash.nodeKey(missionId, m.nodeId());
            capability[i] = m.capability();
            maxCapability = Math.max(maxCapability, capability[i]);
        }
        int[] owner = new int[cellCount];
        long[] cellKeys = new long[Math.max(1, maxCapability)];
        for (int cell = 0; cell < cellCount; cell++) {
            if (members == 0 || completed.contains(cell)) {
                owner[cell] = -1;
                continue;
            }
            for (int d = 0; d < maxCapability; d++) {
                cellKeys[d] = RendezvousHash.cellKey(cell, d);
            }
            owner[cell] = maxCapability == 1 ? bestUnweighted(nodeKeys, cellKeys[0])
                    : bestWeighted(nodeKeys, capability, cellKeys);
        }
        applyClaims(missionId, cellCount, view, completed, claims, owner, nodeKeys, capability);
        return new Allocation(missionId, planVersion, view, completed, owner);
    }

    private static void applyClaims(String missionId, int cellCount, MembershipView view, CoverageSet completed,
                                    Map<String, Integer> claims, int[] owner, long[] nodeKeys, int[] capability) {
        // Sorted by node id so the result never depends on the map's iteration order.
        TreeMap<String, Integer> sorted = new TreeMap<>(NodeIds.ORDER);
        sorted.putAll(claims);
        Map<Integer, Integer> winnerByCell = new TreeMap<>();
        Map<Integer, Long> winnerScore = new TreeMap<>();
        for (Map.Entry<String, Integer> claim : sorted.entrySet()) {
            int member = view.indexOf(claim.getKey());
            Integer cell = claim.getValue();
            if (member < 0 || cell == null || cell < 0 || cell >= cellCount || completed.contains(cell)) {
                continue;
            }
            long[] cellKeys = new long[capability[member]];
            for (int d = 0; d < cellKeys.length; d++) {
                cellKeys[d] = RendezvousHash.cellKey(cell, d);
            }
            long s = score(nodeKeys[member], capability[member], cellKeys);
            Long current = winnerScore.get(cell);
            if (current == null || Long.compareUnsigned(s, current) > 0) {
                winnerByCell.put(cell, member);
                winnerScore.put(cell, s);
            }
        }
        for (Map.Entry<Integer, Integer> win : winnerByCell.entrySet()) {
            owner[win.getKey()] = win.getValue();
        }
    }

    /** Members are in NodeIds.ORDER, so on equal scores the earlier (smaller) id stays. */
    private static int bestUnweighted(long[] nodeKeys, long cellKey) {
        int best = 0;
        // unsigned comparison as signed comparison of values with the sign bit flipped
        long bestScore = RendezvousHash.score(nodeKeys[0], cellKey) ^ Long.MIN_VALUE;
        for (int i = 1; i < nodeKeys.length; i++) {
            long s = RendezvousHash.score(nodeKeys[i], cellKey) ^ Long.MIN_VALUE;
            if (s > bestScore) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    private static int bestWeighted(long[] nodeKeys, int[] capability, long[] cellKeys) {
        int best = 0;
        long bestScore = score(nodeKeys[0], capability[0], cellKeys);
        for (int i = 1; i < nodeKeys.length; i++) {
            long s = score(nodeKeys[i], capability[i], cellKeys);
            if (Long.compareUnsigned(s, bestScore) > 0) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    private static long score(long nodeKey, int capability, long[] cellKeys) {
        long best = RendezvousHash.score(nodeKey, cellKeys[0]);
        for (int d = 1; d < capability; d++) {
            long s = RendezvousHash.score(nodeKey, cellKeys[d]);
            if (Long.compareUnsigned(s, best) > 0) {
                best = s;
            }
        }
        return best;
    }
}

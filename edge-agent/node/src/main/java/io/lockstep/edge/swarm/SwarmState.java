package io.lockstep.edge.swarm;

import io.lockstep.swarm.allocation.Allocation;
import io.lockstep.swarm.allocation.Allocator;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's deterministic view of a cell mission: the members, the cells covered by anyone, and who
 * owns each cell (swarm-core's {@link Allocator}, without claims: claims would be one more input to
 * journal). Changed only by journaled inputs (membership, covered cells) and by this node's agents' own
 * reports, so the same inputs give the same owners on every node and in every replay.
 */
public final class SwarmState {

    private final CellMap map;
    private final String self;
    private final BitSet coveredBySelf = new BitSet();
    private final BitSet takenOver = new BitSet();
    private final BitSet reallocated = new BitSet();
    private List<String> members;
    private MembershipView view;
    private CoverageSet covered;
    private Allocation allocation;

    public SwarmState(CellMap map, String self) {
        this.map = map;
        this.self = self;
        this.covered = CoverageSet.empty(map.missionId(), map.version(), map.size());
        this.members = map.nodes();
        this.view = viewOf(members);
        this.allocation = allocate();
    }

    private static MembershipView viewOf(List<String> nodes) {
        return MembershipView.of(nodes.stream().map(Member::of).toList());
    }

    private Allocation allocate() {
        return Allocator.allocate(map.missionId(), map.version(), map.size(), view, covered, Map.of());
    }

    /** Applies a new membership; open cells of nodes that left count as reallocated. */
    public boolean applyMembers(List<String> next) {
        if (next.equals(members)) {
            return false;
        }
        Allocation before = allocation;
        members = List.copyOf(next);
        view = viewOf(members);
        allocation = allocate();
        for (int cell = 0; cell < map.size(); cell++) {
            String was = before.owner(cell).orElse(null);
            if (was != null && !covered.contains(cell) && !view.contains(was)) {
                reallocated.set(cell);
                if (allocation.owner(cell).filter(self::equals).isPresent()) {
                    takenOver.set(cell);
                }
            }
        }
        return true;
    }

    /** Merges peers' coverage (a union: applying it twice changes nothing); returns the cells that were new. */
    public List<Integer> applyCovered(CoverageSet peers) {
        List<Integer> fresh = new ArrayList<>();
        if (!peers.samePlan(covered)) {
            return fresh;
        }
        peers.cells().filter(c -> !covered.contains(c)).forEach(fresh::add);
        if (!fresh.isEmpty()) {
            covered = covered.merge(peers);
            allocation = allocate();
        }
        return fresh;
    }

    /** This node's agents covered {@code cell}; false when the index is out of range. */
    public boolean coveredBySelf(int cell) {
        if (cell < 0 || cell >= map.size()) {
            return false;
        }
        coveredBySelf.set(cell);
        if (!covered.contains(cell)) {
            covered = covered.with(cell);
            allocation = allocate();
        }
        return true;
    }

    /** Cells this node owns and nobody has covered yet, in plan order. */
    public int[] ownedUnfinished() {
        return allocation.cellsOf(self);
    }

    public CellMap map() {
        return map;
    }

    public List<String> members() {
        return members;
    }

    public MembershipView view() {
        return view;
    }

    public CoverageSet covered() {
        return covered;
    }

    public int coveredCount() {
        return covered.completedCount();
    }

    public BitSet coveredBySelf() {
        return (BitSet) coveredBySelf.clone();
    }

    /** Cells whose owner was lost while they were open (by anyone's hands). */
    public BitSet reallocated() {
        return (BitSet) reallocated.clone();
    }

    /** Reallocated cells that came to this node. */
    public BitSet takenOver() {
        return (BitSet) takenOver.clone();
    }

    /** Mission nodes that are not members now. */
    public Set<String> lost() {
        Set<String> out = new TreeSet<>(map.nodes());
        out.removeAll(members);
        return out;
    }

    public boolean complete() {
        return covered.isComplete();
    }
}

package io.lockstep.edge.swarm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's deterministic view of a cell mission: the members, the cells covered by anyone, and who
 * owns each cell. Changed only by journaled inputs (membership, covered cells) and by this node's
 * agents' own reports, so the same inputs give the same owners on every node and in every replay.
 */
public final class SwarmState {

    private final CellMap map;
    private final String self;
    private final CellAllocator allocator;
    private final BitSet covered = new BitSet();
    private final BitSet coveredBySelf = new BitSet();
    private final BitSet reallocated = new BitSet();
    private final BitSet takenOver = new BitSet();
    private List<String> members;
    private int[] owners;

    public SwarmState(CellMap map, String self, CellAllocator allocator) {
        this.map = map;
        this.self = self;
        this.allocator = allocator;
        this.members = map.nodes();
        this.owners = allocator.owners(map, members);
    }

    /** Applies a new membership; cells of nodes that left and are not covered yet count as reallocated. */
    public boolean applyMembers(List<String> next) {
        if (next.equals(members)) {
            return false;
        }
        int[] before = owners;
        List<String> previous = members;
        members = List.copyOf(next);
        owners = allocator.owners(map, members);
        for (int cell = 0; cell < owners.length; cell++) {
            String was = previous.get(before[cell]);
            if (!covered.get(cell) && !members.contains(was)) {
                reallocated.set(cell);
                if (members.get(owners[cell]).equals(self)) {
                    takenOver.set(cell);
                }
            }
        }
        return true;
    }

    /** Marks cells covered (out-of-range indices are ignored); returns the ones that were new. */
    public List<Integer> applyCovered(Iterable<Integer> cells) {
        List<Integer> fresh = new ArrayList<>();
        for (int cell : cells) {
            if (cell >= 0 && cell < map.size() && !covered.get(cell)) {
                covered.set(cell);
                fresh.add(cell);
            }
        }
        return fresh;
    }

    /** This node's agents covered {@code cell}; false when the index is out of range. */
    public boolean coveredBySelf(int cell) {
        if (cell < 0 || cell >= map.size()) {
            return false;
        }
        coveredBySelf.set(cell);
        covered.set(cell);
        return true;
    }

    /** Cells this node owns and nobody has covered yet, in plan order. */
    public int[] ownedUnfinished() {
        int self = members.indexOf(this.self);
        return java.util.stream.IntStream.range(0, owners.length)
                .filter(c -> owners[c] == self && !covered.get(c)).toArray();
    }

    /** Cells this node owns (covered or not), in plan order. */
    public int[] owned() {
        int self = members.indexOf(this.self);
        return java.util.stream.IntStream.range(0, owners.length).filter(c -> owners[c] == self).toArray();
    }

    public CellMap map() {
        return map;
    }

    public List<String> members() {
        return members;
    }

    public BitSet covered() {
        return (BitSet) covered.clone();
    }

    public int coveredCount() {
        return covered.cardinality();
    }

    public BitSet coveredBySelf() {
        return (BitSet) coveredBySelf.clone();
    }

    public BitSet reallocated() {
        return (BitSet) reallocated.clone();
    }

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
        return covered.cardinality() == map.size();
    }
}

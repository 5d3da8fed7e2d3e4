package io.lockstep.swarm.allocation;

import io.lockstep.swarm.codec.Sha256;
import io.lockstep.swarm.codec.WireWriter;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/** The result of {@link Allocator#allocate}: the owner of every open cell. Immutable. */
public final class Allocation {

    private final String missionId;
    private final long planVersion;
    private final MembershipView view;
    private final CoverageSet completed;
    private final int[] owner;

    Allocation(String missionId, long planVersion, MembershipView view, CoverageSet completed, int[] owner) {
        this.missionId = missionId;
        this.planVersion = planVersion;
        this.view = view;
        this.completed = completed;
        this.owner = owner;
    }

    public String missionId() {
        return missionId;
    }

    public long planVersion() {
        return planVersion;
    }

    public MembershipView view() {
        return view;
    }

    public CoverageSet completed() {
        return completed;
    }

    public int cellCount() {
        return owner.length;
    }

    /** The owner of {@code cell}; empty when the cell is completed or nobody is live. */
    public Optional<String> owner(int cell) {
        int o = owner[cell];
        return o < 0 ? Optional.empty() : Optional.of(view.members().get(o).nodeId());
    }

    /** The cells {@code nodeId} owns, ascending. */
    public int[] cellsOf(String nodeId) {
        int member = view.indexOf(nodeId);
        if (member < 0) {
            return new int[0];
        }
        return IntStream.range(0, owner.length).filter(c -> owner[c] == member).toArray();
    }

    /**
     * The cell {@code nodeId} should work on: {@code current} when it still owns it, else its owned
     * cell with the smallest index (cells are numbered in boustrophedon order, so that is usually near).
     */
    public OptionalInt nextCell(String nodeId, int current) {
        int member = view.indexOf(nodeId);
        if (member < 0) {
            return OptionalInt.empty();
        }
        if (current >= 0 && current < owner.length && owner[current] == member) {
            return OptionalInt.of(current);
        }
        for (int c = 0; c < owner.length; c++) {
            if (owner[c] == member) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    /** Open cells (not completed) without an owner: only when no member is live. */
    public int unownedOpenCells() {
        int count = 0;
        for (int c = 0; c < owner.length; c++) {
            if (owner[c] < 0 && !completed.contains(c)) {
                count++;
            }
        }
        return count;
    }

    /** SHA-256 over {@code u32 cellCount} then each cell's owner id (u8 length + UTF-8; length 0 = none). */
    public byte[] digest() {
        WireWriter w = new WireWriter().i32(owner.length);
        for (int o : owner) {
            if (o < 0) {
                w.u8(0);
            } else {
                w.text(view.members().get(o).nodeId());
            }
        }
        return Sha256.of(w.toByteArray());
    }

    /** True when both assign every cell to the same node. */
    public boolean sameOwners(Allocation other) {
        if (other.owner.length != owner.length) {
            return false;
        }
        for (int c = 0; c < owner.length; c++) {
            if (!owner(c).equals(other.owner(c))) {
                return false;
            }
        }
        return true;
    }
}

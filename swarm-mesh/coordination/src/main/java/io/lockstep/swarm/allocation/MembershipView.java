package io.lockstep.swarm.allocation;

import io.lockstep.swarm.codec.Sha256;
import io.lockstep.swarm.codec.WireWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The live members as one node sees them, sorted by {@link NodeIds#ORDER}, one entry per node id.
 * Immutable: a join or a loss produces a new view.
 */
public final class MembershipView {

    /** Most members in one view. */
    public static final int MAX_MEMBERS = 1024;

    private final List<Member> members;
    /** Computed once: the view is immutable and peers compare digests every tick. */
    private byte[] digest;

    private MembershipView(List<Member> sorted) {
        this.members = sorted;
    }

    public static MembershipView of(Collection<Member> members) {
        List<Member> sorted = new ArrayList<>(members);
        if (sorted.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("more than " + MAX_MEMBERS + " members");
        }
        sorted.sort((a, b) -> NodeIds.ORDER.compare(a.nodeId(), b.nodeId()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).nodeId().equals(sorted.get(i).nodeId())) {
                throw new IllegalArgumentException("node " + sorted.get(i).nodeId() + " listed twice");
            }
        }
        return new MembershipView(List.copyOf(sorted));
    }

    public static MembershipView empty() {
        return new MembershipView(List.of());
    }

    public List<Member> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    public boolean contains(String nodeId) {
        return indexOf(nodeId) >= 0;
    }

    public Optional<Member> member(String nodeId) {
        int i = indexOf(nodeId);
        return i < 0 ? Optional.empty() : Optional.of(members.get(i));
    }

    /** Position of {@code nodeId} in the sorted view, or -1. */
    public int indexOf(String nodeId) {
        int lo = 0;
        int hi = members.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = NodeIds.ORDER.compare(members.get(mid).nodeId(), nodeId);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** This view with {@code member} added or its capability replaced. */
    public MembershipView with(Member member) {
        List<Member> next = new ArrayList<>(members.size() + 1);
        for (Member m : members) {
            if (!m.nodeId().equals(member.nodeId())) {
                next.add(m);
            }
        }
        next.add(member);
        return of(next);
    }

    public MembershipView without(String nodeId) {
        if (!contains(nodeId)) {
            return this;
        }
        List<Member> next = new ArrayList<>(members);
        next.removeIf(m -> m.nodeId().equals(nodeId));
        return new MembershipView(List.copyOf(next));
    }

    /**
     * SHA-256 over {@code u32 count} then, per member in order, {@code u8 idLength, id UTF-8,
     * u8 capability}.
     */
    public byte[] digest() {
        if (digest == null) {
            digest = computeDigest();
        }
        return digest.clone();
    }

    private byte[] computeDigest() {
        WireWriter w = new WireWriter().i32(members.size());
        for (Member m : members) {
            w.text(m.nodeId()).u8(m.capability());
        }
        return Sha256.of(w.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MembershipView v && v.members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "MembershipView" + members;
    }
}

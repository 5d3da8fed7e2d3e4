package io.lockstep.c2.mission;

import java.time.Instant;
import java.util.List;

/**
 * A stored mission. The overall state is not stored: it is derived from the node states on every read
 * (see {@link MissionStateDeriver}) so concurrent node updates can never leave a stale summary behind.
 */
public record MissionRecord(String id, MissionSpec spec, Instant createdAt, Instant dispatchedAt,
        List<NodeShare> shares, Instant abortedAt, String abortReason) {

    public MissionRecord {
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public boolean dispatched() {
        return dispatchedAt != null;
    }

    public boolean aborted() {
        return abortedAt != null;
    }

    public MissionRecord withDispatch(Instant at, List<NodeShare> newShares) {
        return new MissionRecord(id, spec, createdAt, at, newShares, abortedAt, abortReason);
    }

    public MissionRecord withAbort(Instant at, String reason) {
        return new MissionRecord(id, spec, createdAt, dispatchedAt, shares, at, reason);
    }
}

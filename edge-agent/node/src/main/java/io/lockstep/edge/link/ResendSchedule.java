package io.lockstep.edge.link;

import io.lockstep.proto.v1.EdgeToC2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each unacknowledged outbox entry was last handed to the live stream, so that one C2 leaves
 * unacknowledged past the timeout is sent again without waiting for a reconnection. Not thread-safe:
 * {@link C2Link} uses it under its send lock.
 */
final class ResendSchedule {

    private final long resendAfterNanos;
    private final Map<Long, Long> lastSentNanos = new HashMap<>();

    ResendSchedule(long resendAfterMillis) {
        this.resendAfterNanos = resendAfterMillis * 1_000_000L;
    }

    void sent(long seq, long nowNanos) {
        lastSentNanos.put(seq, nowNanos);
    }

    /** Forgets every send time (a new session re-sends all that is pending anyway). */
    void reset() {
        lastSentNanos.clear();
    }

    /**
     * The entries of {@code pending} (oldest first) last sent more than the timeout ago, now recorded
     * as sent again; entries no longer pending are forgotten, unseen ones start their clock now.
     */
    List<EdgeToC2> takeOverdue(List<EdgeToC2> pending, long nowNanos) {
        Set<Long> live = new HashSet<>();
        List<EdgeToC2> overdue = new ArrayList<>();
        for (EdgeToC2 m : pending) {
            live.add(m.getSeq());
            Long sentAt = lastSentNanos.putIfAbsent(m.getSeq(), nowNanos);
            if (sentAt != null && nowNanos - sentAt >= resendAfterNanos) {
                overdue.add(m);
                lastSentNanos.put(m.getSeq(), nowNanos);
            }
        }
        lastSentNanos.keySet().retainAll(live);
        return overdue;
    }
}

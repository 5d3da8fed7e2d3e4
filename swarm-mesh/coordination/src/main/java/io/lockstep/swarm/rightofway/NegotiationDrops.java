package io.lockstep.swarm.rightofway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Thread-safe counters of dropped negotiation messages, by reason. */
public final class NegotiationDrops {

    private final AtomicLongArray counts = new AtomicLongArray(NegotiationDropReason.values().length);

    public void count(NegotiationDropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(NegotiationDropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** Every reason, zero when it never happened. */
    public Map<NegotiationDropReason, Long> snapshot() {
        Map<NegotiationDropReason, Long> out = new EnumMap<>(NegotiationDropReason.class);
        for (NegotiationDropReason r : NegotiationDropReason.values()) {
            out.put(r, get(r));
        }
        return out;
    }
}

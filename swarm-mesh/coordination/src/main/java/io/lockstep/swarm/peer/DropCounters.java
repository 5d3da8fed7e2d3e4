package io.lockstep.swarm.peer;

import java.util.EnumMap;
import java.util.Map;

/** Counts of dropped peer messages, by reason. Immutable snapshot. */
public record DropCounters(Map<DropReason, Long> counts) {

    public DropCounters {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            all.put(r, counts.getOrDefault(r, 0L));
        }
        counts = Map.copyOf(all);
    }

    public long of(DropReason reason) {
        return counts.get(reason);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

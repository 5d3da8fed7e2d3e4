package io.lockstep.swarm.hazard;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live hazards a node knows of, bounded in total and per sender so that no peer can grow it without
 * bound: a full board (or a sender over its share) evicts the entry expiring soonest. An update of the same
 * hazard (sender, id) replaces it. {@link #live} is an immutable list in canonical order (sender by
 * {@link NodeIds#ORDER}, then hazard id), rebuilt only when something changes. Thread-safe.
 */
public final class HazardBoard {

    public static final int MAX_LIVE = 256;
    public static final int MAX_PER_SENDER = 32;
    private static final Comparator<Key> CANONICAL = Comparator.comparing(Key::sender, NodeIds.ORDER)
            .thenComparingInt(Key::id);

    private record Key(String sender, int id) {
    }

    /** Kept in canonical order, so a snapshot is a copy, never a sort. */
    private final TreeMap<Key, Hazard> entries = new TreeMap<>(CANONICAL);
    private final Map<String, Integer> perSender = new HashMap<>();
    private volatile List<Hazard> snapshot = List.of();
    private volatile long nextExpiryMs = Long.MAX_VALUE;
    private long version;
    private long evicted;

    /** Adds or replaces a hazard; returns how many entries were evicted to make room (0 or 1). */
    public synchronized int put(Hazard hazard, long nowMs) {
        if (nowMs >= nextExpiryMs) {
            removeExpired(nowMs);
        }
        Key key = new Key(hazard.sender(), hazard.hazardId());
        int evictions = 0;
        if (!entries.containsKey(key)) {
            if (perSender.getOrDefault(hazard.sender(), 0) >= MAX_PER_SENDER) {
                evictSoonest(hazard.sender());
                evictions++;
            } else if (entries.size() >= MAX_LIVE) {
                evictSoonest(null);
                evictions++;
            }
            perSender.merge(hazard.sender(), 1, Integer::sum);
        }
        entries.put(key, hazard);
        evicted += evictions;
        publish();
        return evictions;
    }

    /** The hazards live at {@code nowMs}, canonical order; the same list object while nothing changed. */
    public List<Hazard> live(long nowMs) {
        if (nowMs >= nextExpiryMs) {
            synchronized (this) {
                if (removeExpired(nowMs)) {
                    publish();
                }
            }
        }
        return snapshot;
    }

    /** Bumped whenever the live set changes (added, replaced, expired, evicted). */
    public synchronized long version() {
        return version;
    }

    public synchronized long evicted() {
        return evicted;
    }

    public synchronized void clear() {
        entries.clear();
        perSender.clear();
        publish();
    }

    private boolean removeExpired(long nowMs) {
        boolean removed = false;
        for (Iterator<Map.Entry<Key, Hazard>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Hazard> e = it.next();
            if (!e.getValue().liveAt(nowMs)) {
                it.remove();
                forget(e.getKey().sender());
                removed = true;
            }
        }
        return removed;
    }

    private void evictSoonest(String sender) {
        Key victim = null;
        long soonest = Long.MAX_VALUE;
        for (Map.Entry<Key, Hazard> e : entries.entrySet()) {
            if ((sender == null || e.getKey().sender.equals(sender)) && e.getValue().expiresAtMs() < soonest) {
                soonest = e.getValue().expiresAtMs();
                victim = e.getKey();
            }
        }
        if (victim != null) {
            entries.remove(victim);
            forget(victim.sender());
        }
    }

    private void forget(String sender) {
        perSender.computeIfPresent(sender, (k, n) -> n == 1 ? null : n - 1);
    }

    private void publish() {
        long next = Long.MAX_VALUE;
        for (Hazard h : entries.values()) {
            next = Math.min(next, h.expiresAtMs());
        }
        version++;
        snapshot = List.copyOf(entries.values());
        nextExpiryMs = next;
    }
}

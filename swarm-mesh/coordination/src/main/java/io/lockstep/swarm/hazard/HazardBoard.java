package io.lockstep.swarm.hazard;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live hazards a node knows of, bounded in total and per sender so that no peer can grow it without
 * bound: a full board (or a sender over its share) evicts the entry expiring soonest. An update of the same
 * hazard (sender, id) replaces it. {@link #live} is an immutable list in canonical order (sender by
 * {@link NodeIds#ORDER}, then hazard id), rebuilt only when something changes. Thread-safe.
 */
public final class HazardBoard {

    public static final int MAX_LIVE = 256;
    public static final int MAX_PER_SENDER = 32;
    private static final Comparator<Hazard> CANONICAL = Comparator.comparing(Hazard::sender, NodeIds.ORDER)
            .thenComparingInt(Hazard::hazardId);

    private record Key(String sender, int id) {
    }

    private final Map<Key, Hazard> entries = new HashMap<>();
    private volatile List<Hazard> snapshot = List.of();
    private volatile long nextExpiryMs = Long.MAX_VALUE;
    private long version;
    private long evicted;

    /** Adds or replaces a hazard; returns how many entries were evicted to make room (0 or 1). */
    public synchronized int put(Hazard hazard, long nowMs) {
        removeExpired(nowMs);
        Key key = new Key(hazard.sender(), hazard.hazardId());
        int evictions = 0;
        if (!entries.containsKey(key)) {
            long fromSender = entries.keySet().stream().filter(k -> k.sender.equals(hazard.sender())).count();
            if (fromSender >= MAX_PER_SENDER) {
                evictSoonest(hazard.sender());
                evictions++;
            } else if (entries.size() >= MAX_LIVE) {
                evictSoonest(null);
                evictions++;
            }
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
        publish();
    }

    private boolean removeExpired(long nowMs) {
        return entries.values().removeIf(h -> !h.liveAt(nowMs));
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
        }
    }

    private void publish() {
        List<Hazard> list = new ArrayList<>(entries.values());
        list.sort(CANONICAL);
        long next = Long.MAX_VALUE;
        for (Hazard h : list) {
            next = Math.min(next, h.expiresAtMs());
        }
        version++;
        snapshot = List.copyOf(list);
        nextExpiryMs = next;
    }
}

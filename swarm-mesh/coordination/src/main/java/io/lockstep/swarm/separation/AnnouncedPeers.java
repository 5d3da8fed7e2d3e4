package io.lockstep.swarm.separation;

import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.rightofway.Intent;
import io.lockstep.swarm.rightofway.RightOfWayOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peers' latest announcements as the separation guard sees them, aged in ticks: an intent enters at a tick
 * with its age at that moment (both journaled on a node), and {@code n} ticks later it is {@code n} tick periods
 * older. No clock is read, so replaying the journal gives the same fixes. An intent is forgotten once it is older
 * than the guard's maximum age or its own lease.
 */
public final class AnnouncedPeers {

    /** Converts an announced WGS84 position (1e-7 degrees) into the caller's local frame, metres east and north. */
    @FunctionalInterface
    public interface ToLocal {
        double[] toLocal(int latE7, int lonE7);
    }

    private record Entry(Intent intent, long tick, long ageAtEntryMs) {
    }

    private final Map<String, Entry> latest = new TreeMap<>(NodeIds.ORDER);
    private final int maxPeers;

    /** @param maxPeers most peers remembered (a new one beyond is ignored until an old one is forgotten) */
    public AnnouncedPeers(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    /**
     * Records an accepted intent.
     *
     * @param tick the tick it enters
     * @param ageAtEntryMs how old it was then (clamped to 0 and to its lease)
     */
    public void accept(Intent intent, long tick, long ageAtEntryMs) {
        if (!latest.containsKey(intent.nodeId()) && latest.size() >= maxPeers) {
            return;
        }
        long lease = intent.expiresAtMs() - intent.timeMs();
        latest.put(intent.nodeId(), new Entry(intent, tick, Math.max(0, Math.min(lease, ageAtEntryMs))));
    }

    /**
     * The fixes for the tick {@code tick} (drops the announcements that are too old by then).
     *
     * @param own this node's intent of the tick: which peers go first
     * @param tickMs the tick period
     * @param maxAgeMs announcements older than this are dropped
     */
    public List<PeerFix> fixes(Intent own, long tick, long tickMs, long maxAgeMs, ToLocal frame) {
        List<PeerFix> fixes = new ArrayList<>();
        latest.values().removeIf(e -> ageAt(e, tick, tickMs) > Math.min(maxAgeMs,
                e.intent().expiresAtMs() - e.intent().timeMs()));
        for (Entry e : latest.values()) {
            Intent i = e.intent();
            double[] at = frame.toLocal(i.latE7(), i.lonE7());
            fixes.add(new PeerFix(i.nodeId(), at[0], at[1], i.velocityEastMmps() / 1000.0,
                    i.velocityNorthMmps() / 1000.0, ageAt(e, tick, tickMs),
                    RightOfWayOrder.FIRST_FIRST.compare(i, own) < 0));
        }
        return fixes;
    }

    /** Forgets everything (a new mission run). */
    public void clear() {
        latest.clear();
    }

    private static long ageAt(Entry e, long tick, long tickMs) {
        return e.ageAtEntryMs() + Math.max(0, tick - e.tick()) * tickMs;
    }
}

package io.lockstep.edge.swarm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares this node's agreement digest with its peers' latest ones. A peer that disagrees
 * continuously for longer than the settle window is a divergence; a peer not heard from for
 * {@code staleMillis} is forgotten (it may have finished the mission and left).
 */
public final class DivergenceDetector {

    private record Heard(String digest, long atMillis) {
    }

    private final long settleMillis;
    private final long staleMillis;
    private final Map<String, Heard> latest = new HashMap<>();
    private final Map<String, Long> disagreeingSince = new HashMap<>();

    public DivergenceDetector(long settleMillis, long staleMillis) {
        this.settleMillis = settleMillis;
        this.staleMillis = staleMillis;
    }

    public synchronized void heard(String peer, String digest, long nowMillis) {
        latest.put(peer, new Heard(digest, nowMillis));
    }

    /** The divergence now, e.g. {@code node-2 digest 1a.. vs ours 3b.. for 2400 ms}; empty when there is none. */
    public synchronized Optional<String> evaluate(String ownDigest, long nowMillis) {
        latest.values().removeIf(h -> nowMillis - h.atMillis() > staleMillis);
        disagreeingSince.keySet().retainAll(latest.keySet());
        Map<String, String> diverged = new TreeMap<>();
        latest.forEach((peer, heard) -> {
            if (heard.digest().equals(ownDigest)) {
                disagreeingSince.remove(peer);
            } else {
                long since = disagreeingSince.computeIfAbsent(peer, p -> nowMillis);
                if (nowMillis - since > settleMillis) {
                    diverged.put(peer, peer + " digest " + heard.digest() + " vs ours " + ownDigest + " for "
                            + (nowMillis - since) + " ms");
                }
            }
        });
        return diverged.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", diverged.values()));
    }
}

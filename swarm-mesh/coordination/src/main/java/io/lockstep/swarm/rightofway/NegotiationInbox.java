package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Between the network thread and the tick loop: keeps only the newest raw message per peer, so a flood from one
 * peer (say 10,000 messages a second) costs one slot and one decode per tick, never a growing queue. Oversized
 * messages are refused before they are stored; a new peer beyond {@code maxPeers} is refused. Every refusal is
 * counted in the shared {@link NegotiationDrops}. Thread-safe.
 */
public final class NegotiationInbox {

    /** A peer's message as received, not yet checked. */
    public record Raw(String peerKey, byte[] data) {
    }

    private final int maxPeers;
    private final NegotiationDrops drops;
    private Map<String, byte[]> latest = new TreeMap<>(NodeIds.ORDER);

    public NegotiationInbox(int maxPeers, NegotiationDrops drops) {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be positive");
        }
        this.maxPeers = maxPeers;
        this.drops = drops;
    }

    public synchronized void offer(String peerKey, byte[] data) {
        if (data == null || data.length > IntentCodec.MAX_BYTES) {
            drops.count(NegotiationDropReason.OVERSIZED);
            return;
        }
        if (!latest.containsKey(peerKey) && latest.size() >= maxPeers) {
            drops.count(NegotiationDropReason.TOO_MANY_PEERS);
            return;
        }
        if (latest.put(peerKey, data) != null) {
            drops.count(NegotiationDropReason.SUPERSEDED);
        }
    }

    /** The newest message of every peer heard since the last call, in canonical order (by peer key). */
    public List<Raw> drain() {
        Map<String, byte[]> taken;
        synchronized (this) {
            taken = latest;
            latest = new TreeMap<>(NodeIds.ORDER);
        }
        List<Raw> out = new ArrayList<>(taken.size());
        taken.forEach((peer, data) -> out.add(new Raw(peer, data)));
        return out;
    }

    public synchronized int pending() {
        return latest.size();
    }
}

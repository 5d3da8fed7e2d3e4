package io.lockstep.swarm.agreement;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares this node's agreement digests with its peers'. A peer and this node <em>agree</em> at time
 * {@code t} when some digest the peer published within the settle window before {@code t} equals some
 * digest this node held within that window: digests lag by a message delay while coverage grows, so
 * comparing only the latest two would raise false alerts. A peer that has not agreed for longer than the
 * settle window raises one {@link DivergenceAlert}; it clears when they agree again.
 * <p>
 * Time is whatever the caller passes (ticks or milliseconds of an injected clock); nothing here reads a
 * clock. Not thread-safe: call from the node's tick loop.
 */
public final class DivergenceDetector {

    /** Digests kept per node; older ones fall out even inside the window. */
    static final int HISTORY = 64;

    private final String selfId;
    private final long settleWindow;
    private final Deque<Stamped> local = new ArrayDeque<>();
    private final Map<String, Deque<Stamped>> peers = new TreeMap<>(NodeIds.ORDER);
    private final Map<String, Long> divergingSince = new TreeMap<>(NodeIds.ORDER);
    private final Map<String, DivergenceAlert> active = new TreeMap<>(NodeIds.ORDER);
    private long raisedTotal;

    private record Stamped(AgreementDigest digest, long at) {
    }

    public DivergenceDetector(String selfId, long settleWindow) {
        this.selfId = NodeIds.require(selfId);
        if (settleWindow <= 0) {
            throw new IllegalArgumentException("settle window must be positive");
        }
        this.settleWindow = settleWindow;
    }

    public long settleWindow() {
        return settleWindow;
    }

    /** Records this node's current digest. */
    public void local(AgreementDigest digest, long now) {
        push(local, digest, now);
    }

    /** Records a peer's digest; older sequences than the latest known are ignored. */
    public void peer(AgreementDigest digest, long now) {
        if (digest.nodeId().equals(selfId)) {
            return;
        }
        Deque<Stamped> history = peers.computeIfAbsent(digest.nodeId(), k -> new ArrayDeque<>());
        if (!history.isEmpty() && history.peekLast().digest().sequence() >= digest.sequence()) {
            return;
        }
        push(history, digest, now);
        divergingSince.putIfAbsent(digest.nodeId(), now);
    }

    /** Stops comparing with a node that left the membership. */
    public void forget(String nodeId) {
        peers.remove(nodeId);
        divergingSince.remove(nodeId);
        active.remove(nodeId);
    }

    /** Re-evaluates every peer at {@code now}; returns the alerts raised by this call. */
    public List<DivergenceAlert> check(long now) {
        trim(local, now);
        List<DivergenceAlert> raised = new ArrayList<>();
        for (Map.Entry<String, Deque<Stamped>> entry : peers.entrySet()) {
            String peer = entry.getKey();
            Deque<Stamped> history = entry.getValue();
            trim(history, now);
            if (agree(history)) {
                divergingSince.put(peer, now);
                active.remove(peer);
                continue;
            }
            long since = divergingSince.getOrDefault(peer, now);
            if (now - since > settleWindow && !active.containsKey(peer) && !history.isEmpty() && !local.isEmpty()) {
                List<String> nodes = new ArrayList<>(List.of(selfId, peer));
                nodes.sort(NodeIds.ORDER);
                EnumSet<Component> diff = EnumSet.noneOf(Component.class);
                diff.addAll(local.peekLast().digest().differences(history.peekLast().digest()));
                DivergenceAlert alert = new DivergenceAlert(nodes, diff, since, now);
                active.put(peer, alert);
                raised.add(alert);
                raisedTotal++;
            }
        }
        return raised;
    }

    /** Alerts still standing, by peer id. */
    public List<DivergenceAlert> active() {
        return List.copyOf(active.values());
    }

    public long raisedTotal() {
        return raisedTotal;
    }

    /** The peer's latest digest, if any. */
    public Optional<AgreementDigest> latest(String peer) {
        Deque<Stamped> history = peers.get(peer);
        return history == null || history.isEmpty() ? Optional.empty() : Optional.of(history.peekLast().digest());
    }

    private boolean agree(Deque<Stamped> peerHistory) {
        for (Stamped p : peerHistory) {
            for (Stamped l : local) {
                if (p.digest().agreesWith(l.digest())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void push(Deque<Stamped> history, AgreementDigest digest, long now) {
        if (!history.isEmpty() && history.peekLast().digest().agreesWith(digest)) {
            // same belief: refresh its time stamp instead of growing the history
            history.pollLast();
        }
        history.addLast(new Stamped(digest, now));
        while (history.size() > HISTORY) {
            history.pollFirst();
        }
    }

    /** Drops entries older than the window but always keeps the latest one. */
    private void trim(Deque<Stamped> history, long now) {
        while (history.size() > 1 && now - history.peekFirst().at() > settleWindow) {
            history.pollFirst();
        }
    }
}

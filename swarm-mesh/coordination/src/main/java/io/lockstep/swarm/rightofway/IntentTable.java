package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import io.lockstep.swarm.codec.MalformedMessageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The peers' latest intents as one node knows them. An intent holds until its lease ({@link
 * Intent#expiresAtMs()}) expires: a node that dies holding a claim loses it then. Replays (a sequence not above
 * the last accepted from that sender) and already expired messages are dropped; the last sequence per sender is
 * kept after its lease expires (bounded by {@code maxPeers}, the oldest forgotten first) so an old message
 * replayed later is still refused. Not thread-safe: the tick loop owns it. Time is passed in.
 */
public final class IntentTable {

    private final String self;
    private final int maxPeers;
    private final SenderBinding binding;
    private final NegotiationDrops drops;
    private final Map<String, Intent> live = new TreeMap<>(NodeIds.ORDER);
    private final Map<String, long[]> lastSequence = new TreeMap<>(NodeIds.ORDER); // {sequence, expiresAt}

    public IntentTable(String self, int maxPeers, SenderBinding binding, NegotiationDrops drops) {
        this.self = NodeIds.require(self);
        this.maxPeers = maxPeers;
        this.binding = binding;
        this.drops = drops;
    }

    /** Checks one raw message and keeps it when it is valid and new; empty (and counted) otherwise. */
    public Optional<Intent> accept(String peerKey, byte[] data, long nowMs) {
        if (data == null || data.length > IntentCodec.MAX_BYTES) {
            return drop(NegotiationDropReason.OVERSIZED);
        }
        Intent intent;
        try {
            intent = IntentCodec.decode(data);
        } catch (MalformedMessageException e) {
            return drop(NegotiationDropReason.MALFORMED);
        }
        if (intent.nodeId().equals(self) || !binding.accepts(peerKey, intent.nodeId())) {
            return drop(NegotiationDropReason.FORGED_SENDER);
        }
        long[] last = lastSequence.get(intent.nodeId());
        if (last != null && intent.sequence() <= last[0]) {
            return drop(NegotiationDropReason.REPLAYED);
        }
        if (intent.expiresAtMs() <= nowMs) {
            return drop(NegotiationDropReason.EXPIRED);
        }
        if (last == null && lastSequence.size() >= maxPeers && !forgetOldest(nowMs)) {
            return drop(NegotiationDropReason.TOO_MANY_PEERS);
        }
        lastSequence.put(intent.nodeId(), new long[] {intent.sequence(), intent.expiresAtMs()});
        live.put(intent.nodeId(), intent);
        return Optional.of(intent);
    }

    /** Drops the intents whose lease has expired (their claims are released); returns their senders. */
    public List<String> expire(long nowMs) {
        List<String> gone = new ArrayList<>();
        for (Iterator<Intent> it = live.values().iterator(); it.hasNext(); ) {
            Intent i = it.next();
            if (i.expiresAtMs() <= nowMs) {
                gone.add(i.nodeId());
                it.remove();
            }
        }
        return gone;
    }

    /** Unexpired intents, in node id order. */
    public List<Intent> live() {
        return List.copyOf(live.values());
    }

    public int size() {
        return live.size();
    }

    private boolean forgetOldest(long nowMs) {
        String oldest = null;
        long oldestExpiry = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> e : lastSequence.entrySet()) {
            if (!live.containsKey(e.getKey()) && e.getValue()[1] < oldestExpiry) {
                oldest = e.getKey();
                oldestExpiry = e.getValue()[1];
            }
        }
        if (oldest == null) {
            return false;
        }
        lastSequence.remove(oldest);
        return true;
    }

    private Optional<Intent> drop(NegotiationDropReason reason) {
        drops.count(reason);
        return Optional.empty();
    }
}

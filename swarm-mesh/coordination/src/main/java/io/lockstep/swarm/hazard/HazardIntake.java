package io.lockstep.swarm.hazard;

import io.lockstep.swarm.codec.MalformedMessageException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks one received hazard message: size cap, decoding, the sender against its key ({@link SenderBinding}),
 * the key's kind, expiry and replay (a sender's sequence numbers must grow). Every refusal is counted by
 * {@link HazardDropReason}; nothing throws. Not thread-safe: one receive thread owns it.
 */
public final class HazardIntake {

    /** A message issued further than this in the future (clock skew) is refused as {@code EXPIRED}. */
    public static final long MAX_FUTURE_SKEW_MS = 30_000;
    /** Senders whose last sequence number is remembered (least recently heard forgotten first). */
    static final int MAX_TRACKED_SENDERS = 4_096;

    /** The outcome: a hazard to keep, or why not. */
    public record Verdict(Hazard hazard, HazardDropReason dropped) {
        public boolean accepted() {
            return hazard != null;
        }
    }

    private final String self;
    private final SenderBinding binding;
    private final Map<HazardDropReason, Long> drops = new EnumMap<>(HazardDropReason.class);
    private final LinkedHashMap<String, Long> lastSequence = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED_SENDERS;
        }
    };
    private long accepted;

    /**
     * @param self this node's id: its own hazards (the mesh echoes them) are ignored, not counted
     * @param binding the sender check
     */
    public HazardIntake(String self, SenderBinding binding) {
        this.self = Objects.requireNonNull(self, "self");
        this.binding = Objects.requireNonNull(binding, "binding");
        for (HazardDropReason reason : HazardDropReason.values()) {
            drops.put(reason, 0L);
        }
    }

    /**
     * @param key the key the message arrived on
     * @param payload its bytes
     * @param nowMs this node's wall clock (Unix ms)
     * @return the hazard, a drop reason, or neither (null hazard and null reason) for this node's own echo
     */
    public Verdict check(String key, byte[] payload, long nowMs) {
        if (payload == null || payload.length > HazardCodec.MAX_BYTES) {
            return drop(HazardDropReason.OVERSIZED);
        }
        String chunk = HazardKeys.senderChunk(key);
        HazardKind keyKind = HazardKeys.kind(key);
        if (chunk == null || keyKind == null) {
            return drop(HazardDropReason.MALFORMED);
        }
        Hazard hazard;
        try {
            hazard = HazardCodec.decode(payload);
        } catch (MalformedMessageException e) {
            return drop(HazardDropReason.MALFORMED);
        }
        if (!binding.accepts(chunk, hazard.sender())) {
            return drop(HazardDropReason.FORGED_SENDER);
        }
        if (hazard.sender().equals(self)) {
            return new Verdict(null, null);
        }
        if (hazard.kind() != keyKind) {
            return drop(HazardDropReason.KIND_MISMATCH);
        }
        if (!hazard.liveAt(nowMs) || hazard.issuedAtMs() > nowMs + MAX_FUTURE_SKEW_MS) {
            return drop(HazardDropReason.EXPIRED);
        }
        Long last = lastSequence.get(hazard.sender());
        if (last != null && hazard.sequence() <= last) {
            return drop(HazardDropReason.REPLAYED);
        }
        lastSequence.put(hazard.sender(), hazard.sequence());
        accepted++;
        return new Verdict(hazard, null);
    }

    /** Counts a drop decided elsewhere (queue overflow, board eviction). */
    public void count(HazardDropReason reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    private Verdict drop(HazardDropReason reason) {
        count(reason);
        return new Verdict(null, reason);
    }

    public long accepted() {
        return accepted;
    }

    /** Drops so far, every reason present. */
    public Map<HazardDropReason, Long> drops() {
        return Map.copyOf(drops);
    }
}

package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One kind of the hub's latest-wins entries (node views, samples or mission shares) as of the hub's last
 * frame: the version of each entry a client in step with the frames holds, and which of them the last
 * {@link #advance} changed. Used on the hub's thread only.
 */
final class EntryTrack<E> {
    private final ToLongFunction<E> seqOf;
    private final BiConsumer<ArrayNode, E> render;
    /** An entry is taken at most once per this many ms (its slot); 0: every round. */
    private final long slotMs;
    private final Map<String, Long> takenAtMs = new HashMap<>();
    private final Map<String, E> held = new HashMap<>();
    /** This round's changed keys and the version held before it (0: none). */
    private final Map<String, Long> before = new HashMap<>();
    private final List<E> changed = new ArrayList<>();

    EntryTrack(ToLongFunction<E> seqOf, BiConsumer<ArrayNode, E> render, long slotMs) {
        this.seqOf = seqOf;
        this.render = render;
        this.slotMs = slotMs;
    }

    /**
     * Takes the live entries; those newer than the held ones are this round's changes, except an entry taken
     * less than a slot ago: its newest version is taken in the first round after its slot opens.
     */
    void advance(Map<String, E> live, long nowMs) {
        before.clear();
        changed.clear();
        if (held.size() > live.size()) {
            // The hub dropped some (its oldest mission shares): nobody is sent them again.
            held.keySet().retainAll(live.keySet());
            takenAtMs.keySet().retainAll(live.keySet());
        }
        live.forEach((key, entry) -> {
            E known = held.get(key);
            long knownSeq = known == null ? 0 : seqOf.applyAsLong(known);
            if (seqOf.applyAsLong(entry) > knownSeq && slotOpen(key, nowMs)) {
                before.put(key, knownSeq);
                held.put(key, entry);
                changed.add(entry);
            }
        });
    }

    private boolean slotOpen(String key, long nowMs) {
        if (slotMs <= 0) {
            return true;
        }
        Long taken = takenAtMs.get(key);
        if (taken != null && nowMs - taken < slotMs) {
            return false;
        }
        takenAtMs.put(key, nowMs);
        return true;
    }

    /** This round's changes into {@code array}; false when there were none. */
    boolean renderChanged(ArrayNode array) {
        changed.forEach(entry -> render.accept(array, entry));
        return !changed.isEmpty();
    }

    /** The versions a client in step held before this round, for a client that cannot take this round's frame. */
    Map<String, Long> versionsBefore() {
        Map<String, Long> versions = new HashMap<>(held.size() * 2);
        held.forEach((key, entry) -> {
            long seq = before.getOrDefault(key, seqOf.applyAsLong(entry));
            if (seq > 0) {
                versions.put(key, seq);
            }
        });
        return versions;
    }

    /** Held entries the client wants and lacks into {@code array}, its versions moved up to them; false when none. */
    boolean catchUp(Map<String, Long> sent, Predicate<String> wants, ArrayNode array) {
        // Versions of entries the round does not hold at all (dropped, or in a snapshot before the round took
        // them) are forgotten, so that the client can be in step again.
        sent.keySet().retainAll(held.keySet());
        boolean any = false;
        for (Map.Entry<String, E> entry : held.entrySet()) {
            long seq = seqOf.applyAsLong(entry.getValue());
            if (wants.test(entry.getKey()) && seq > sent.getOrDefault(entry.getKey(), 0L)) {
                render.accept(array, entry.getValue());
                sent.put(entry.getKey(), seq);
                any = true;
            }
        }
        return any;
    }

    /** Whether {@code sent} holds exactly the held versions (the client is in step). */
    boolean matches(Map<String, Long> sent) {
        if (sent.size() != held.size()) {
            return false;
        }
        for (Map.Entry<String, E> entry : held.entrySet()) {
            Long seq = sent.get(entry.getKey());
            if (seq == null || seq != seqOf.applyAsLong(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return held.size();
    }
}

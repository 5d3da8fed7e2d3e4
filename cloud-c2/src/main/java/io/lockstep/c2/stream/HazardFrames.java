package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.c2.hazard.HazardChanges;
import io.lockstep.c2.hazard.HazardStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The fleet's hazards on the live stream: the whole live set in each snapshot ({@code hazards}), then in
 * deltas only the hazards added or changed ({@code hazards}, latest wins) and the ids of those gone
 * ({@code hazardsRemoved}); a client that fell behind the store's change log gets the whole set again with
 * {@code hazardsReset: true}. Hazards are fleet-wide: a node subscription does not filter them.
 */
@ApplicationScoped
public class HazardFrames {

    private final HazardStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    public HazardFrames(HazardStore store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    void sweep() {
        store.sweep(clock.millis());
    }

    /** Puts the whole live set in a snapshot; called holding the client's monitor. */
    void snapshot(ObjectNode message, StreamClient client) {
        long seq = store.lastSeq();
        message.set("hazards", mapper.valueToTree(store.live(clock.millis())));
        client.sentHazardSeq = seq;
    }

    /** Adds the client's hazard changes to a delta; true when there were any. Called holding its monitor. */
    boolean delta(ObjectNode message, StreamClient client) {
        if (store.lastSeq() == client.sentHazardSeq) {
            return false;
        }
        HazardChanges changes = store.changesAfter(client.sentHazardSeq, clock.millis());
        client.sentHazardSeq = changes.lastSeq();
        if (changes.isEmpty()) {
            return false;
        }
        message.set("hazards", mapper.valueToTree(changes.upserts()));
        ArrayNode removed = message.putArray("hazardsRemoved");
        changes.removed().forEach(removed::add);
        if (changes.reset()) {
            message.put("hazardsReset", true);
        }
        return true;
    }
}

package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The hub's delta frames, rendered once per round for every client in step instead of once per client. Each
 * round ({@link #advance}) takes what changed since the previous round. A client that got every previous
 * round's frame ({@link StreamClient#inStep}, unfiltered) holds exactly what the previous round held, so its
 * delta is this round's changes: one JSON text, shared. A client that is not in step (just joined, filtered,
 * or it missed a round while its last frame was still being written) gets its own delta against the round's
 * entries, and is in step again once that leaves it holding exactly them. Used on the hub's thread only,
 * holding the client's monitor for the client's part.
 */
final class SharedFrames {
    private final ObjectMapper mapper;
    private final EventRing events;
    private final HazardFrames hazards;
    private final InstantSource clock;
    private final EntryTrack<Versioned> nodes;
    private final EntryTrack<LiveSample> samples;
    private final EntryTrack<Versioned> missions;

    private long eventSeq;
    private long eventSeqBefore;
    private List<StreamEvent> roundEvents = List.of();
    private long roundMissedEvents;
    private long hazardSeq;
    private long hazardSeqBefore;
    private ObjectNode roundHazards;
    /** This round's shared frame: null until a client in step asks for it; "" when nothing changed. */
    private String shared;
    private long rendered;

    /**
     * {@code sampleSlotMs}: a node's sample is taken at most once per this many ms (the frame period), so it reaches
     * a client at most that often; node views and mission shares (state changes) are taken in every round.
     */
    SharedFrames(ObjectMapper mapper, EventRing events, HazardFrames hazards, InstantSource clock, long sampleSlotMs) {
        this.mapper = mapper;
        this.events = events;
        this.hazards = hazards;
        this.clock = clock;
        this.nodes = new EntryTrack<>(Versioned::seq, (array, entry) -> array.add(entry.value()), 0);
        this.samples = new EntryTrack<>(LiveSample::seq, (array, sample) -> array.addRawValue(sample.rendered(mapper)),
                sampleSlotMs);
        this.missions = new EntryTrack<>(Versioned::seq, (array, entry) -> array.add(entry.value()), 0);
    }

    /** Starts a round: takes the live entries, events and hazards that changed since the previous round. */
    void advance(Map<String, Versioned> liveNodes, Map<String, LiveSample> liveSamples,
            Map<String, Versioned> liveMissions) {
        long now = clock.millis();
        nodes.advance(liveNodes, now);
        samples.advance(liveSamples, now);
        missions.advance(liveMissions, now);
        eventSeqBefore = eventSeq;
        long[] missed = new long[1];
        roundEvents = events.after(eventSeq, missed);
        roundMissedEvents = missed[0];
        if (!roundEvents.isEmpty()) {
            eventSeq = roundEvents.get(roundEvents.size() - 1).seq();
        }
        if (missed[0] > 0) {
            eventSeq = Math.max(eventSeq, events.lastSeq());
        }
        hazardSeqBefore = hazardSeq;
        roundHazards = mapper.createObjectNode();
        hazardSeq = hazards.delta(roundHazards, hazardSeq);
        shared = null;
    }

    /** The client's frame this round, null when it has nothing new; a client in step gets the shared text. */
    String frameFor(StreamClient client) {
        if (client.inStep) {
            client.sentEventSeq = eventSeq;
            client.sentHazardSeq = hazardSeq;
            String text = shared();
            return text.isEmpty() ? null : text;
        }
        String text = catchUp(client);
        if (client.nodeFilter == null && client.sentEventSeq == eventSeq && client.sentHazardSeq == hazardSeq
                && nodes.matches(client.sentNodes) && samples.matches(client.sentSamples)
                && missions.matches(client.sentMissions)) {
            client.forgetSent();
            client.inStep = true;
        }
        return text;
    }

    /** A client in step that cannot take this round's frame keeps what it held before the round, on its own. */
    void missedRound(StreamClient client) {
        if (!client.inStep) {
            return;
        }
        client.inStep = false;
        client.sentNodes.putAll(nodes.versionsBefore());
        client.sentSamples.putAll(samples.versionsBefore());
        client.sentMissions.putAll(missions.versionsBefore());
        client.sentEventSeq = eventSeqBefore;
        client.sentHazardSeq = hazardSeqBefore;
    }

    /** Entries a client in step holds, as {@link StreamHub#clientStats()} counts them. */
    int heldEntries() {
        return nodes.size() + samples.size() + missions.size();
    }

    /** Delta frames rendered so far: one per round for all clients in step, plus one per client not in step. */
    long renderedFrames() {
        return rendered;
    }

    private String shared() {
        if (shared == null) {
            ObjectNode message = delta(roundMissedEvents, roundHazards);
            ArrayNode nodeArray = message.putArray("nodes");
            ArrayNode sampleArray = message.putArray("samples");
            ArrayNode missionArray = message.putArray("missions");
            ArrayNode eventArray = message.putArray("events");
            boolean changed = nodes.renderChanged(nodeArray) | samples.renderChanged(sampleArray)
                    | missions.renderChanged(missionArray) | !roundHazards.isEmpty();
            roundEvents.forEach(event -> eventArray.add(event.value()));
            changed |= !roundEvents.isEmpty();
            shared = changed ? render(message) : "";
        }
        return shared;
    }

    /** The client's own delta against this round's entries (events and hazards up to the round's). */
    private String catchUp(StreamClient client) {
        long[] missed = new long[1];
        List<StreamEvent> after = events.after(client.sentEventSeq, missed);
        ObjectNode clientHazards = mapper.createObjectNode();
        client.sentHazardSeq = hazards.delta(clientHazards, client.sentHazardSeq);
        ObjectNode message = delta(missed[0], clientHazards);
        ArrayNode nodeArray = message.putArray("nodes");
        ArrayNode sampleArray = message.putArray("samples");
        ArrayNode missionArray = message.putArray("missions");
        ArrayNode eventArray = message.putArray("events");
        boolean changed = nodes.catchUp(client.sentNodes, client::wants, nodeArray)
                | samples.catchUp(client.sentSamples, client::wants, sampleArray)
                | missions.catchUp(client.sentMissions, key -> true, missionArray)
                | !clientHazards.isEmpty();
        for (StreamEvent event : after) {
            if (event.seq() > eventSeq) {
                break;
            }
            client.sentEventSeq = event.seq();
            if (client.wants(event.nodeId())) {
                eventArray.add(event.value());
                changed = true;
            }
        }
        if (missed[0] > 0) {
            client.sentEventSeq = Math.max(client.sentEventSeq, eventSeq);
        }
        return changed ? render(message) : null;
    }

    private ObjectNode delta(long missedEvents, ObjectNode hazardFields) {
        ObjectNode message = mapper.createObjectNode();
        message.put("type", "delta");
        if (missedEvents > 0) {
            message.put("missedEvents", missedEvents);
        }
        message.setAll(hazardFields);
        return message;
    }

    private String render(ObjectNode message) {
        message.put("serverTimeMs", clock.millis());
        rendered++;
        return message.toString();
    }
}

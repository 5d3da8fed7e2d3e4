package io.lockstep.c2.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.c2.hazard.HazardStore;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedFramesTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private static final long SLOT_MS = 100;
    private final long[] nowMs = {1_000_000};
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMs[0]);
    private final EventRing events = new EventRing(100);
    private final SharedFrames frames = new SharedFrames(mapper, events,
            new HazardFrames(new HazardStore(), mapper, Clock.systemUTC()), clock, SLOT_MS);
    private final Map<String, Versioned> nodes = new HashMap<>();
    private final Map<String, LiveSample> samples = new HashMap<>();
    private final Map<String, Versioned> missions = new HashMap<>();
    private long seq;

    @Test
    void clientsInStepGetOneFrameRenderedOnceByteIdentical() throws Exception {
        List<StreamClient> clients = List.of(client(), client(), client());
        sample("n-1", 1);
        sample("n-2", 1);
        round(clients);
        assertThat(clients).allMatch(client -> client.inStep);

        sample("n-1", 2);
        long before = frames.renderedFrames();
        List<String> sent = round(clients);

        assertThat(frames.renderedFrames() - before).isEqualTo(1);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isSameAs(sent.get(0));
        assertThat(sent.get(2)).isSameAs(sent.get(0));
        JsonNode frame = mapper.readTree(sent.get(0));
        assertThat(frame.path("type").asText()).isEqualTo("delta");
        assertThat(ticks(frame, "n-1")).containsExactly(2L);
        assertThat(ticks(frame, "n-2")).isEmpty();
    }

    @Test
    void aClientThatMissedRoundsGetsEverythingItLacksOnceThenTheSharedFrameAgain() throws Exception {
        StreamClient steady = client();
        StreamClient busy = client();
        sample("n-1", 1);
        sample("n-2", 1);
        round(List.of(steady, busy));

        sample("n-1", 2);
        nowMs[0] += SLOT_MS;
        frames.advance(nodes, samples, missions);
        frames.frameFor(steady);
        frames.missedRound(busy);
        sample("n-1", 3);
        sample("n-2", 3);
        nowMs[0] += SLOT_MS;
        frames.advance(nodes, samples, missions);
        frames.frameFor(steady);
        frames.missedRound(busy);
        assertThat(busy.inStep).isFalse();

        sample("n-2", 4);
        nowMs[0] += SLOT_MS;
        frames.advance(nodes, samples, missions);
        String steadyFrame = frames.frameFor(steady);
        String busyFrame = frames.frameFor(busy);

        assertThat(ticks(mapper.readTree(steadyFrame), "n-1")).isEmpty();
        JsonNode caughtUp = mapper.readTree(busyFrame);
        assertThat(ticks(caughtUp, "n-1")).containsExactly(3L);
        assertThat(ticks(caughtUp, "n-2")).containsExactly(4L);
        assertThat(busy.inStep).isTrue();

        sample("n-1", 5);
        List<String> sent = round(List.of(steady, busy));
        assertThat(sent.get(1)).isSameAs(sent.get(0));
    }

    @Test
    void aFilteredClientGetsOnlyItsNodesAndNeverTheSharedFrame() throws Exception {
        StreamClient all = client();
        StreamClient one = client();
        one.nodeFilter = Set.of("n-2");
        sample("n-1", 1);
        sample("n-2", 1);
        round(List.of(all, one));
        sample("n-1", 2);
        sample("n-2", 2);

        List<String> sent = round(List.of(all, one));

        assertThat(one.inStep).isFalse();
        JsonNode own = mapper.readTree(sent.get(1));
        assertThat(ticks(own, "n-1")).isEmpty();
        assertThat(ticks(own, "n-2")).containsExactly(2L);
        assertThat(ticks(mapper.readTree(sent.get(0)), "n-1")).containsExactly(2L);
    }

    @Test
    void aRoundWithoutChangesSendsNothingAndEventsGoToEveryClientOnce() throws Exception {
        List<StreamClient> clients = List.of(client(), client());
        sample("n-1", 1);
        round(clients);
        assertThat(round(clients)).isEmpty();

        events.append("n-1", mapper.createObjectNode().put("kind", "state"));
        List<String> sent = round(clients);
        assertThat(sent).hasSize(2);
        assertThat(mapper.readTree(sent.get(0)).path("events")).hasSize(1);
        assertThat(round(clients)).isEmpty();
    }

    @Test
    void aNodesSampleGoesOutOncePerSlotTheNewestAsSoonAsTheSlotOpens() throws Exception {
        StreamClient client = client();
        sample("n-1", 1);
        round(List.of(client));
        long lastTaken = nowMs[0];

        nowMs[0] = lastTaken + 20;
        sample("n-1", 2);
        sample("n-1", 3);
        frames.advance(nodes, samples, missions);
        assertThat(frames.frameFor(client)).isNull();

        nowMs[0] = lastTaken + SLOT_MS;
        frames.advance(nodes, samples, missions);
        assertThat(ticks(mapper.readTree(frames.frameFor(client)), "n-1")).containsExactly(3L);
    }

    private List<String> round(List<StreamClient> clients) {
        nowMs[0] += SLOT_MS;
        frames.advance(nodes, samples, missions);
        List<String> sent = new ArrayList<>();
        for (StreamClient client : clients) {
            String frame = frames.frameFor(client);
            if (frame != null) {
                sent.add(frame);
            }
        }
        return sent;
    }

    private void sample(String nodeId, long tick) {
        samples.put(nodeId, new LiveSample(++seq, nodeId, "m-1", tick, 1, 2, 0, 1, 0.5, 1000 + tick));
    }

    private static List<Long> ticks(JsonNode frame, String nodeId) {
        List<Long> ticks = new ArrayList<>();
        frame.path("samples").forEach(sample -> {
            if (sample.path("nodeId").asText().equals(nodeId)) {
                ticks.add(sample.path("tick").asLong());
            }
        });
        return ticks;
    }

    private static StreamClient client() {
        return new StreamClient(null, "viewer");
    }
}

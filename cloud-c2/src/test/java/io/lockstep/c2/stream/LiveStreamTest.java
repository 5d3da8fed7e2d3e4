package io.lockstep.c2.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class LiveStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Inject
    StreamHub hub;

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void snapshotFirstThenEachNodeAtMostOncePerFrameLatestWins() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect(); StreamTestClient client = StreamTestClient.connect(stream)) {
            JsonNode snapshot = client.await(StreamTestClient.type("snapshot"), WAIT);
            assertThat(snapshot.path("rates").path("framePeriodMs").asLong()).isEqualTo(100);
            node.hello(nodeId);
            client.await(frame -> containsNode(frame.path("nodes"), nodeId), WAIT);

            long start = System.currentTimeMillis();
            for (int tick = 1; tick <= 300; tick++) {
                node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setMissionId("m-1").setTick(tick)
                        .setXM(tick).setYM(2 * tick).setVxMps(1).setBatteryFraction(0.5)).build());
            }
            JsonNode last = client.await(frame -> sampleTick(frame, nodeId) == 300, WAIT);
            long elapsed = System.currentTimeMillis() - start;
            assertThat(last.path("type").asText()).isEqualTo("delta");

            // Every frame so far carried the node at most once; the number of frames with a sample of it is
            // bounded by the frame period, not by the 300 samples sent.
            List<JsonNode> withSample = new ArrayList<>();
            client.frames.forEach(frame -> {
                if (sampleTick(frame.json(), nodeId) > 0) {
                    withSample.add(frame.json());
                }
            });
            JsonNode sample = sampleOf(last, nodeId);
            assertThat(sample.path("xM").asDouble()).isEqualTo(300.0);
            assertThat(sample.path("headingDeg").asDouble()).isEqualTo(90.0);
            assertThat(withSample.size()).isLessThanOrEqualTo((int) (elapsed / 100) + 2);
            // The hub looks every round (20 ms), but a client's samples come a whole frame period apart.
            for (int i = 1; i < withSample.size(); i++) {
                long apart = withSample.get(i).path("serverTimeMs").asLong() - withSample.get(i - 1).path("serverTimeMs").asLong();
                assertThat(apart).as("C2's time between two frames with samples").isGreaterThanOrEqualTo(100);
            }
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void stateChangesInterventionsAndFaultsArriveAsTimelineEventsAndAlerts() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect(); StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
            node.hello(nodeId);
            node.send(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setMissionId("m-2")
                    .setState(NodeMissionState.RUNNING).setTick(10).putInterventions("GEOFENCE_CLAMP", 2)).build());
            JsonNode intervention = client.await(frame -> event(frame, nodeId, "intervention") != null, WAIT);
            JsonNode event = event(intervention, nodeId, "intervention");
            assertThat(event.path("intervention").asText()).isEqualTo("GEOFENCE_CLAMP");
            assertThat(event.path("alert").asBoolean()).isTrue();
            assertThat(event(intervention, nodeId, "state").path("state").asText()).isEqualTo("RUNNING");
            JsonNode progress = intervention.path("missions").get(0);
            assertThat(progress.path("nodeId").asText()).isEqualTo(nodeId);

            node.send(EdgeToC2.newBuilder().setStatus(StatusUpdate.newBuilder().setMissionId("m-2")
                    .setState(NodeMissionState.FAILED).setTick(11).setDetail("agent trapped")).build());
            JsonNode failed = client.await(frame -> event(frame, nodeId, "state") != null, WAIT);
            assertThat(event(failed, nodeId, "state").path("severity").asText()).isEqualTo("fault");

            node.hangUp();
            JsonNode lost = client.await(frame -> event(frame, nodeId, "link") != null, WAIT);
            assertThat(event(lost, nodeId, "link").path("severity").asText()).isEqualTo("link-loss");
        }
    }

    @Test
    void anUnauthenticatedUpgradeIsRefused() throws Exception {
        String answer = upgrade(false);
        assertThat(answer).matches("(?s)HTTP/1.1 (401|403).*");
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void malformedSubscriptionsAreAnsweredAndTheConnectionStaysUsable() throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
            String manyIds = "[" + "\"n\",".repeat(1000) + "\"n\"]";
            for (String bad : List.of("not json", "[1,2]", "{}", "{\"type\":5}", "{\"type\":\"launch\"}",
                    "{\"type\":\"subscribe\",\"nodes\":\"node-1\"}", "{\"type\":\"subscribe\",\"nodes\":[7]}",
                    "{\"type\":\"subscribe\",\"nodes\":[\"../etc\"]}", "{\"type\":\"subscribe\",\"extra\":1}",
                    "{\"type\":\"subscribe\",\"nodes\":" + manyIds + "}")) {
                client.send(bad);
                JsonNode error = client.await(StreamTestClient.type("error"), WAIT);
                assertThat(error.path("detail").asText()).as(bad).isNotBlank();
            }
            client.send("{\"type\":\"ping\"}");
            client.await(StreamTestClient.type("pong"), WAIT);
            client.send("{\"type\":\"subscribe\",\"nodes\":[\"node-x\"]}");
            JsonNode filtered = client.await(StreamTestClient.type("snapshot"), WAIT);
            assertThat(filtered.path("nodes").size()).isZero();
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void anOversizedMessageClosesOnlyThatClient() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (StreamTestClient bystander = StreamTestClient.connect(stream);
                StreamTestClient offender = StreamTestClient.connect(stream)) {
            bystander.await(StreamTestClient.type("snapshot"), WAIT);
            offender.await(StreamTestClient.type("snapshot"), WAIT);
            offender.send("{\"type\":\"subscribe\",\"nodes\":[\"" + "a".repeat(200_000) + "\"]}");
            assertThat(offender.closed.get(20, java.util.concurrent.TimeUnit.SECONDS)).isNotZero();

            FakeEdgeNode node = FakeEdgeNode.connect();
            node.hello(nodeId);
            node.send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setTick(5).setXM(1)).build());
            bystander.await(frame -> sampleTick(frame, nodeId) == 5, WAIT);
            node.close();
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void aClientThatNeverReadsCostsBoundedMemoryAndDoesNotSlowOthers() throws Exception {
        int nodeCount = 20;
        List<FakeEdgeNode> nodes = new ArrayList<>();
        try (Socket sleeper = rawUpgrade(true); StreamTestClient reader = StreamTestClient.connect(stream)) {
            reader.await(StreamTestClient.type("snapshot"), WAIT);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                FakeEdgeNode node = FakeEdgeNode.connect();
                nodes.add(node);
                String id = Fixtures.uniqueId("busy");
                node.hello(id);
                ids.add(id);
            }
            int heldBefore = hub.heldEntries();
            // Every telemetry sample is also written to Redis by the link, so a few hundred are enough here.
            for (int tick = 1; tick <= 30; tick++) {
                for (int i = 0; i < nodeCount; i++) {
                    nodes.get(i).send(EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setTick(tick)
                            .setXM(tick)).build());
                }
            }
            String lastNode = ids.get(nodeCount - 1);
            reader.await(frame -> sampleTick(frame, lastNode) == 30, WAIT);
            // 600 samples went through; the hub holds per node one view and one sample (and at most an event
            // for its link), and each client one seq per entry: nothing grows with the samples.
            assertThat(hub.heldEntries()).isLessThanOrEqualTo(heldBefore + 3 * nodeCount);
            Map<String, long[]> stats = new HashMap<>(hub.clientStats());
            int known = hub.heldEntries();
            stats.values().forEach(stat -> assertThat(stat[0]).isLessThanOrEqualTo(known));
        } finally {
            for (FakeEdgeNode node : nodes) {
                node.close();
            }
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void thousandsOfConnectionsOpenedAndDroppedLeaveNothingBehind() throws Exception {
        int before = hub.clientCount();
        for (int i = 0; i < 2000; i++) {
            try (Socket socket = rawUpgrade(i % 2 == 0)) {
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0); // a reset instead of a close: the rudest way to leave
                }
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.clientCount() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hub.clientCount()).isEqualTo(before);
        try (StreamTestClient client = StreamTestClient.connect(stream)) {
            client.await(StreamTestClient.type("snapshot"), WAIT);
        }
    }

    // ---- helpers ----

    private String upgrade(boolean readAll) throws Exception {
        try (Socket socket = rawUpgrade(false)) {
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    /** Sends a WebSocket upgrade by hand; with {@code awaitSwitch}, reads the 101 answer's head and nothing else. */
    private Socket rawUpgrade(boolean awaitSwitch) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), stream.getPort());
        socket.setSoTimeout(20_000);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        out.write(("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (awaitSwitch) {
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 101");
        }
        return socket;
    }

    private static boolean containsNode(JsonNode nodes, String nodeId) {
        for (JsonNode node : nodes) {
            if (nodeId.equals(node.path("nodeId").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode sampleOf(JsonNode frame, String nodeId) {
        JsonNode found = null;
        for (JsonNode sample : frame.path("samples")) {
            if (nodeId.equals(sample.path("nodeId").asText())) {
                assertThat(found).as("a frame carries each node once").isNull();
                found = sample;
            }
        }
        return found;
    }

    private static long sampleTick(JsonNode frame, String nodeId) {
        JsonNode sample = sampleOf(frame, nodeId);
        return sample == null ? -1 : sample.path("tick").asLong();
    }

    private static JsonNode event(JsonNode frame, String nodeId, String kind) {
        for (JsonNode event : frame.path("events")) {
            if (nodeId.equals(event.path("nodeId").asText()) && kind.equals(event.path("kind").asText())) {
                return event;
            }
        }
        return null;
    }
}

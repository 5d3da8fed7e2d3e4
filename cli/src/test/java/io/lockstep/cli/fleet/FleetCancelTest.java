package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.agents.ExampleAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel with a real C2 and a real node (each in its own JVM, real gRPC link, real Redis): a running
 * mission's node accepts the cancel and its share ends ABORTED; past the point of no return (900 ‰
 * progress) the node refuses with its reason and finishes. C2's history shows the request and each answer.
 */
class FleetCancelTest {

    @RegisterExtension
    final LocalFleet fleets = new LocalFleet();

    @TempDir
    Path out;

    private static List<String> events(C2Api c2, String missionId) {
        List<String> events = new ArrayList<>();
        c2.history(missionId).path("entries").forEach(entry -> events.add(entry.path("event").asText()));
        return events;
    }

    private static JsonNode awaitHistory(C2Api c2, String missionId, String event, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode entry : c2.history(missionId).path("entries")) {
                if (entry.path("event").asText().equals(event)) {
                    return entry;
                }
            }
            ManagedProcess.sleep(100);
        }
        throw new AssertionError("no " + event + " in the history: " + events(c2, missionId));
    }

    private static void awaitProgress(C2Api c2, String missionId, int permille, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode mission = c2.mission(missionId);
        while (System.nanoTime() < deadline) {
            mission = c2.mission(missionId);
            if (mission.path("nodes").path(0).path("agents").path(0).path("progressPermille").asInt() >= permille) {
                return;
            }
            ManagedProcess.sleep(50);
        }
        throw new AssertionError("progress never reached " + permille + ": " + mission.toPrettyString());
    }

    @Test
    void aRealNodeAcceptsACancelOfARunningMissionAndRefusesOnePastThePointOfNoReturn() {
        // Approval off: this test is about cancel, not simulation first (see FleetEndToEndTest).
        Fleet fleet = fleets.start(out, 1, false, "-Dlockstep.c2.approval.enabled=false");
        C2Api c2 = fleet.c2().api();
        String module = c2.uploadModule(ExampleAgents.bytes("hello"));

        // Accepted: a long mission, cancelled while it runs.
        String running = c2.createMission(FleetEndToEndTest.helloMission(module, 100_000));
        c2.dispatch(running, fleet.nodeIds());
        FleetEndToEndTest.awaitNodeState(c2, running, "RUNNING", Duration.ofSeconds(60));
        JsonNode requested = c2.cancel(running, "weather closing in");
        assertEquals("REQUESTED", requested.path("nodes").get(0).path("cancel").path("state").asText(),
                requested.toPrettyString());
        JsonNode accepted = awaitHistory(c2, running, "CANCEL_ACCEPTED", Duration.ofSeconds(30));
        assertEquals("node-1", accepted.path("nodeId").asText());
        JsonNode aborted = FleetEndToEndTest.awaitTerminal(c2, running, Duration.ofSeconds(60));
        assertEquals("MISSION_ABORTED", aborted.path("state").asText(), aborted.toPrettyString());
        JsonNode share = aborted.path("nodes").get(0);
        assertEquals("ABORTED", share.path("state").asText(), share.toPrettyString());
        assertEquals("ACCEPTED", share.path("cancel").path("state").asText(), share.toPrettyString());
        List<String> events = events(c2, running);
        assertTrue(events.indexOf("CANCEL_REQUESTED") >= 0 && events.indexOf("CANCEL_REQUESTED") < events.indexOf("CANCEL_ACCEPTED"),
                "history: " + events);

        // Refused: past 900 permille the node finishes what it started and says why.
        String nearlyDone = c2.createMission(FleetEndToEndTest.helloMission(module, 3_000));
        c2.dispatch(nearlyDone, fleet.nodeIds());
        awaitProgress(c2, nearlyDone, 905, Duration.ofSeconds(120));
        c2.cancel(nearlyDone, "too late");
        JsonNode refused = awaitHistory(c2, nearlyDone, "CANCEL_REFUSED", Duration.ofSeconds(30));
        assertEquals("node-1", refused.path("nodeId").asText());
        assertTrue(!refused.path("detail").asText().isBlank(), "the refusal has a reason: " + refused);
        JsonNode completed = FleetEndToEndTest.awaitTerminal(c2, nearlyDone, Duration.ofSeconds(120));
        assertEquals("MISSION_COMPLETED", completed.path("state").asText(), completed.toPrettyString());
        assertEquals("REFUSED", completed.path("nodes").get(0).path("cancel").path("state").asText(),
                completed.toPrettyString());
    }
}

package io.lockstep.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.cli.Lockstep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a new user runs it: a 3-node fleet shares the demo mission's cells over
 * the mesh, one node is killed with SIGKILL halfway, and the survivors cover every cell.
 */
class DemoCommandTest {

    @TempDir
    Path out;

    @Test
    void demoCompletesOnThreeNodesDespiteAKilledNodeAndEverySurvivorsJournalReplays() throws Exception {
        StringWriter errors = new StringWriter(); // a failed command's one line, e.g. an exception's message
        int exit = Lockstep.commandLine().setErr(new PrintWriter(errors, true))
                .execute("demo", "--nodes", "3", "--out", out.toString());

        assertEquals(0, exit, () -> "demo exit code; " + errors + whyItFailed());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertTrue(summary.path("verdict").path("succeeded").asBoolean(), summary.path("verdict").toString());
        assertEquals(0, summary.path("verdict").path("problems").size(), summary.path("verdict").toString());
        assertEquals("COMPLETED", summary.path("status").asText());
        assertFalse(summary.path("mission_id").asText().isEmpty());
        assertTrue(summary.path("duration_ms").asLong() > 0);
        assertEquals(100.0, summary.path("coverage_percent").asDouble(), summary.toString());
        assertTrue(summary.path("cells_total").asInt() > 0);
        assertEquals("node-2", summary.path("kill").path("node").asText(), summary.toString());
        assertEquals("SIGKILL", summary.path("kill").path("signal").asText());
        assertTrue(summary.path("reallocated_cells").asInt() >= 0);
        assertEquals(3, summary.path("nodes").size());
        // where and between whom the vehicles came closest (RightOfWayWatch)
        JsonNode closest = summary.path("min_separation");
        assertEquals(summary.path("min_separation_m").asDouble(), closest.path("distance_m").asDouble(), summary.toString());
        assertEquals(2, closest.path("nodes").size(), closest.toString());
        assertTrue(closest.path("nodes").get(0).path("node").asText().startsWith("node-"), closest.toString());
        assertTrue(closest.path("ms_since_dispatch").asLong() >= 0, closest.toString());
        assertTrue(summary.has("separation_holds"), summary.toString());
        // the demo acted as its commander: logins, uploads, create and dispatch are in a verified audit chain
        assertTrue(summary.path("audit").path("verified").asBoolean(), summary.toString());
        // Journals came home: every surviving node's journal is on C2, byte for byte, and replays there.
        assertTrue(summary.path("journals_home").path("verified").asBoolean(), summary.path("journals_home").toString());
        assertEquals(2, summary.path("journals_home").path("nodes").size(), summary.path("journals_home").toString());
        assertTrue(summary.path("audit").path("records").asLong() >= 5, summary.toString());
        JsonNode simulation = summary.path("simulation");
        assertTrue(simulation.path("predicted_duration_ms").asLong() > 0, "the mission was simulated first: " + summary);
        assertEquals(100.0, simulation.path("predicted_coverage_percent").asDouble(), simulation.toString());
        assertEquals(summary.path("duration_ms").asLong(), simulation.path("actual_duration_ms").asLong());
        assertEquals(summary.path("coverage_percent").asDouble(), simulation.path("actual_coverage_percent").asDouble());
        assertEquals(64, simulation.path("mission_digest").asText().length(), simulation.toString());
        long interventions = 0;
        long cellsDone = 0;
        for (JsonNode node : summary.path("nodes")) {
            cellsDone += node.path("cells_done").asLong();
            if (node.path("killed").asBoolean()) {
                assertEquals("node-2", node.path("id").asText());
                assertEquals("KILLED", node.path("status").asText());
                continue;
            }
            assertTrue(node.path("cells_done").asLong() > 0, "every survivor covered cells: " + node);
            assertEquals("COMPLETED", node.path("status").asText(), node.toString());
            assertTrue(node.path("ticks").asLong() > 0, node.toString());
            assertTrue(Files.isRegularFile(Path.of(node.path("journal").asText())), node.toString());
            assertEquals(64, node.path("fingerprint").asText().length(), node.toString());
            assertEquals("VERIFIED", node.path("replay").asText(), node.toString());
            assertTrue(node.path("inference_calls").asLong() > 0, "hazard-scout ran the model: " + node);
            for (JsonNode count : node.path("interventions")) {
                interventions += count.asLong();
            }
        }
        assertTrue(interventions > 0, "the demo world makes the safety supervisor act at least once");
        // A cell the killed node covered just before dying may never have reached C2 in its status.
        assertTrue(cellsDone > summary.path("cells_total").asLong() / 2, "the nodes' cells make up the area");
    }

    @Test
    void refusesANodeCountOutOfRangeWithoutStartingAnything() {
        int exit = Lockstep.commandLine().execute("demo", "--nodes", "0", "--out", out.toString());

        assertEquals(2, exit);
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    /**
     * CI shows only the end of a run's output, so a failed demo's reasons go into the assertion message: the
     * verdict from summary.json, or, when the demo stopped before writing one, the last lines of each log.
     */
    private String whyItFailed() {
        try {
            Path summary = out.resolve("summary.json");
            if (Files.isRegularFile(summary)) {
                JsonNode written = new ObjectMapper().readTree(Files.readString(summary));
                return written.has("verdict") ? "verdict " + written.path("verdict")
                        : "summary.json without a verdict (the demo stopped early): " + written;
            }
            StringBuilder tails = new StringBuilder("no summary.json; ");
            try (var logs = Files.list(out.resolve("logs"))) {
                for (Path log : logs.sorted().toList()) {
                    List<String> lines = Files.readAllLines(log);
                    tails.append(log.getFileName()).append(" ends: ")
                            .append(String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())))
                            .append("; ");
                }
            }
            return tails.toString();
        } catch (IOException | RuntimeException e) {
            return "no diagnosis: " + e;
        }
    }
}

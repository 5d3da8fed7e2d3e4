package io.lockstep.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.cli.Lockstep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, as a new user runs it: a 3-node fleet flies the demo mission to completion. */
class DemoCommandTest {

    @TempDir
    Path out;

    @Test
    void demoCompletesOnThreeNodesAndEveryJournalReplays() throws Exception {
        int exit = Lockstep.commandLine().execute("demo", "--nodes", "3", "--out", out.toString());

        assertEquals(0, exit, "demo exit code");
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertEquals("COMPLETED", summary.path("status").asText());
        assertFalse(summary.path("mission_id").asText().isEmpty());
        assertTrue(summary.path("duration_ms").asLong() > 0);
        assertEquals(3, summary.path("nodes").size());
        long interventions = 0;
        for (JsonNode node : summary.path("nodes")) {
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
    }

    @Test
    void refusesANodeCountOutOfRangeWithoutStartingAnything() {
        int exit = Lockstep.commandLine().execute("demo", "--nodes", "0", "--out", out.toString());

        assertEquals(2, exit);
        assertFalse(Files.exists(out.resolve("summary.json")));
    }
}

package io.lockstep.cli.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.cli.Lockstep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lockstep bench fleet --quick} with a small fleet against one real C2 and Redis: it runs to the end and
 * fleet.json has every figure, each with a value. Speed is the benchmark's business, not this test's.
 */
class BenchFleetCommandTest {
    private static final List<String> FIGURES = List.of("mission_ack_all_ms", "mission_ack_p99_ms",
            "heartbeat_backlog_probe_p99_ms", "heartbeats_skipped_not_ready", "heartbeats_per_s",
            "c2_cpu_cores_per_1000_links", "c2_heap_after_gc_mib_per_1000_links", "c2_heap_after_gc_mib",
            "redis_memory_bytes_per_node", "estop_fanout_p99_ms", "estop_fanout_all_ms");

    @Test
    void aQuickRunWritesEveryFigureWithAValue(@TempDir Path out) throws Exception {
        CommandLine cli = Lockstep.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("bench", "fleet", "--quick", "--nodes", "20", "--replicas", "1",
                "--heartbeat-ms", "200", "--out", out.toString()), err.toString());

        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("fleet.json")));
        assertEquals("fleet", report.path("benchmark").asText());
        assertTrue(report.path("quick").asBoolean());
        assertTrue(report.path("environment").asText().contains("load"), report.toString());
        List<String> names = new ArrayList<>();
        for (JsonNode figure : report.path("figures")) {
            names.add(figure.path("name").asText());
            assertTrue(figure.path("value").isNumber(), "a value for " + figure);
            assertTrue(figure.has("target") && figure.has("comparison") && figure.has("meets_target"), figure.toString());
            assertFalse(figure.path("detail").asText().startsWith("NOT MEASURED"), figure.toString());
        }
        for (String figure : FIGURES) {
            assertTrue(names.contains(figure + "_1_replica"), figure + " in " + names);
        }
        assertEquals(FIGURES.size(), names.size(), names.toString());
    }

    @Test
    void badOptionsAreRefused() {
        CommandLine cli = Lockstep.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(1, cli.execute("bench", "fleet", "--nodes", "0", "--replicas", "1"));
        assertEquals(1, cli.execute("bench", "fleet", "--nodes", "10", "--replicas", "0"));
    }
}

package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeBenchReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static NodeBenchReport measured(double heapPeakMib) {
        return new NodeBenchReport(false, 2, "17.0.15+6 (OpenJDK 64-Bit Server VM)",
                new HeapFigures(List.of(80.0, heapPeakMib, 100.0), 42.5, "256m", 10, 3000),
                List.of(new StartupSample(3000, 3100), new StartupSample(2500, 2400), new StartupSample(4000, 4200)),
                new SupervisorOverhead(250.0, 50.0, 1_000_000, 4096, 0.05),
                new RecoveryFigures(1200, 2500, 5200, 5300, 1190L),
                new MissionOutcome("COMPLETED", 9000, true, "9000 ticks verified"), List.of());
    }

    @Test
    void writesTheIssueFiguresAndTheMachine() throws Exception {
        JsonNode json = JSON.readTree(measured(120.0).toJson());
        assertEquals(120.0, json.path("heap_mib").asDouble());
        assertEquals(100.0, json.path("heap_mib_mean").asDouble());
        assertEquals(42.5, json.path("heap_mib_after_forced_gc").asDouble());
        assertTrue(json.path("heap_within_target").asBoolean());
        assertEquals("-Xmx256m", json.path("heap_max_setting").asText());
        // Link-ready is when both ends agree; the median of 3100, 2500 and 4200.
        assertEquals(3100.0, json.path("startup_to_link_ready_ms").asDouble());
        assertEquals(3, json.path("startup_samples").size());
        assertEquals(200.0, json.path("supervisor_overhead_ns_per_command").asDouble());
        assertEquals(5.0, json.path("supervisor_ratio").asDouble());
        assertEquals(5300, json.path("recovery_after_kill9_ms").asLong());
        assertEquals(10, json.path("recovery").path("ticks_lost").asLong());
        assertTrue(json.path("mission_after_recovery").path("c2_completed").asBoolean());
        assertTrue(json.path("mission_after_recovery").path("journal_replays").asBoolean());
        assertEquals(2, json.path("cores").asInt());
        assertTrue(json.path("jvm_version").asText().startsWith("17"));
    }

    @Test
    void aHeapOverTheTargetIsReportedAsMissed() throws Exception {
        NodeBenchReport report = measured(300.0);
        assertFalse(JSON.readTree(report.toJson()).path("heap_within_target").asBoolean());
        assertTrue(report.toTable().contains("MISSED"), report.toTable());
        assertTrue(measured(200.0).toTable().contains("<= 256  met"));
    }

    @Test
    void figuresNotMeasuredAreNullWithTheirReasons() throws Exception {
        NodeBenchReport report = new NodeBenchReport(true, 2, "17", null, List.of(), null, null, null,
                List.of("heap in use not measured: jstat is missing"));
        JsonNode json = JSON.readTree(report.toJson());
        for (String figure : List.of("heap_mib", "heap_mib_mean", "startup_to_link_ready_ms",
                "supervisor_overhead_ns_per_command", "recovery_after_kill9_ms")) {
            assertTrue(json.has(figure), figure);
            assertTrue(json.path(figure).isNull(), figure);
        }
        assertEquals("heap in use not measured: jstat is missing", json.path("notes").path(0).asText());
        String table = report.toTable();
        assertTrue(table.contains("n/a"), table);
        assertTrue(table.contains("note: heap in use not measured"), table);
    }

    @Test
    void theTableNamesEveryFigure() {
        String table = measured(120.0).toTable();
        for (String row : List.of("heap in use, max (MiB)", "heap in use, mean (MiB)", "start-up to link-ready",
                "supervisor overhead per command (ns)", "recovery after kill -9 (ms)", "(10 ticks lost)",
                "COMPLETED / yes")) {
            assertTrue(table.contains(row), row + " in\n" + table);
        }
    }
}

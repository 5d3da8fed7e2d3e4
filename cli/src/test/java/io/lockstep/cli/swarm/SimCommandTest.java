package io.lockstep.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.cli.Lockstep;
import io.lockstep.runtime.bench.BenchFigure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep sim} and the swarm.json format, run in-process. */
class SimCommandTest {

    private record Run(int code, String out) {
    }

    private static Run run(String... args) {
        PrintStream previous = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Lockstep.commandLine().execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    @Test
    void oneSeedPassesWritesItsReportAndRepeatsItsDigest(@TempDir Path dir) throws Exception {
        Run first = run("sim", "--seed", "4", "--nodes", "3", "--out", dir.toString());
        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("sim: PASS seed 4"), first.out());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("sim-report.json").toFile());
        assertEquals(4, report.get("seed").asLong());
        assertTrue(report.get("passed").asBoolean());
        String digest = first.out().lines().filter(l -> l.contains("sha256")).findFirst().orElseThrow();
        Run second = run("sim", "--seed", "4", "--nodes", "3", "--out", dir.toString());
        assertTrue(second.out().contains(digest), "same seed, same report digest");
    }

    @Test
    void aRunOutOfTicksFailsNamingTheSeed(@TempDir Path dir) {
        Run r = run("sim", "--seed", "9", "--nodes", "2", "--faults", "none", "--max-ticks", "30", "--out",
                dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("FAIL seed 9"), r.out());
        assertTrue(r.out().contains("reproduce: ./lockstep sim --seed 9 --nodes 2"), r.out());
    }

    @Test
    void aSweepRunsEverySeedTwice(@TempDir Path dir) {
        Run r = run("sim", "--seed", "1", "--seeds", "3", "--nodes", "3", "--no-agents", "--out", dir.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("3 of 3 seeds passed"), r.out());
    }

    @Test
    void badFaultSpecIsAClearError(@TempDir Path dir) {
        Run r = run("sim", "--faults", "loss=7", "--out", dir.toString());
        assertEquals(1, r.code());
    }

    @Test
    void swarmJsonHasTheFiguresOfRuntimeJson() throws Exception {
        SwarmBenchReport report = new SwarmBenchReport(true, List.of(
                new BenchFigure("allocation_10k_cells_100_nodes_ms", 3.5, 10, true, "d"),
                new BenchFigure("simulator_speed_10_nodes_x_real_time", 50, 100, false, "d")), "test");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals("swarm", json.get("benchmark").asText());
        JsonNode a = json.get("figures").get(0);
        assertEquals("<=", a.get("comparison").asText());
        assertTrue(a.get("meets_target").asBoolean());
        JsonNode s = json.get("figures").get(1);
        assertEquals(">=", s.get("comparison").asText());
        assertEquals(false, s.get("meets_target").asBoolean());
        assertEquals(100.0, s.get("target").asDouble());
    }
}

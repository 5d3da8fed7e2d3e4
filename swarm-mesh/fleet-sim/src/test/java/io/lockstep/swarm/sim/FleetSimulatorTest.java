package io.lockstep.swarm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.runtime.ExecutionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSimulatorTest {

    @BeforeAll
    static void quiet() {
        QuietPeers.apply();
    }

    @Test
    void faultFreeRunCoversEveryCellOnceAndRunsTheAgents() {
        SimReport r = new FleetSimulator(SimConfig.of(SimMission.small(), 3, 42, FaultSpec.none()), null).run();
        JsonNode j = r.json();
        assertTrue(r.passed(), r.violations().toString());
        assertEquals(j.get("cells").asInt(), j.get("cellsCovered").asInt());
        assertEquals(0, j.get("doubleCoveredCells").asInt());
        assertEquals(0, j.get("divergenceAlerts").asInt());
        for (JsonNode n : j.get("perNode")) {
            assertEquals(r.ticks(), n.get("agentTicks").asLong());
            assertEquals(64, n.get("agentFingerprint").asText().length());
        }
    }

    @Test
    void checkerReportsUncoveredCellsWhenTimeRunsOut() {
        SimReport r = new FleetSimulator(SimConfig.of(SimMission.small().withMaxTicks(40), 2, 1, FaultSpec.none()),
                null).run();
        assertFalse(r.passed());
        assertTrue(r.violations().get(0).contains("cells covered in 40 ticks"), r.violations().toString());
    }

    @Test
    void lonePartitionedSidesBothWorkAndDoubleCoverageIsCounted() {
        // one long partition from tick 5 with 4 nodes: each side covers what it sees as its own
        FaultSpec spec = new FaultSpec(0, 0, 1, 0, 0);
        boolean sawDouble = false;
        for (long seed = 1; seed <= 10 && !sawDouble; seed++) {
            SimReport r = new FleetSimulator(SimConfig.of(SimMission.small(), 4, seed, spec), null).run();
            assertTrue(r.passed(), r.violations().toString());
            sawDouble = r.json().get("doubleCoveredCells").asInt() > 0;
        }
        assertTrue(sawDouble, "a partition of a working fleet costs double coverage");
    }

    @Test
    void differentSeedsDiffer() {
        SimReport a = new FleetSimulator(SimConfig.of(SimMission.small(), 3, 1, FaultSpec.random(1)), null).run();
        SimReport b = new FleetSimulator(SimConfig.of(SimMission.small(), 3, 2, FaultSpec.random(2)), null).run();
        assertNotEquals(a.toJson(), b.toJson());
    }

    @Test
    void compiledAndInterpretedAgentsGiveTheSameReport() {
        SimConfig interpreted = SimConfig.of(SimMission.small(), 2, 5, FaultSpec.random(5));
        SimConfig compiled = new SimConfig(interpreted.mission(), 2, 5, interpreted.faults(), true,
                ExecutionMode.COMPILED);
        String a = new FleetSimulator(interpreted, null).run().toJson().replace("INTERPRETER", "X");
        String b = new FleetSimulator(compiled, null).run().toJson().replace("COMPILED", "X");
        assertEquals(a, b);
    }

    @Test
    void missionFileIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mission.json");
        Files.writeString(file, """
                {"missionId": "field-7", "cellSizeM": 25, "tickPeriodMs": 100, "maxTicks": 4000,
                 "area": [{"latE7": 473977000, "lonE7": 85456000}, {"latE7": 473977000, "lonE7": 85466000},
                          {"latE7": 473983000, "lonE7": 85466000}, {"latE7": 473983000, "lonE7": 85456000}]}
                """);
        SimMission m = SimMissionFile.load(file);
        assertEquals("field-7", m.missionId());
        assertEquals(100, m.tickPeriodMs());
        SimReport r = new FleetSimulator(SimConfig.of(m, 3, 9, FaultSpec.none()), null).run();
        assertTrue(r.passed(), r.violations().toString());
        Files.writeString(file, "{\"area\": [1, 2]}");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> SimMissionFile.load(file));
        assertTrue(new ObjectMapper().readTree(r.toJson()).get("passed").asBoolean());
    }

    @Test
    void faultSpecsParse() {
        assertEquals(new FaultSpec(0.1, 3, 1, 2, 0.05), FaultSpec.parse("loss=0.1,delay=3,partitions=1,crashes=2,garbage=0.05", 0));
        assertEquals(FaultSpec.none(), FaultSpec.parse("none", 0));
        assertEquals(FaultSpec.random(4), FaultSpec.parse("random", 4));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("loss=2", 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("bogus=1", 0));
    }
}

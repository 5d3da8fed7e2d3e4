package io.lockstep.swarm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.RuntimeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissionSimulationTest {

    @BeforeAll
    static void quiet() {
        QuietPeers.apply();
    }

    private static AgentDefinition survey() {
        return new AgentDefinition("survey", ExampleAgents.bytes("survey"),
                List.of(new Parameter("lane_spacing", "20"), new Parameter("speed", "8")),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"), List.of("swarm/progress/**"),
                        List.of(), List.of()));
    }

    private static MissionAgents agents(Optional<Path> journals, AgentDefinition... agents) {
        return new MissionAgents(List.of(agents), RuntimeLimits.defaults(), () -> InferenceService.NONE, journals);
    }

    @Test
    void aMissionsOwnAgentsFlyItAndTheSameRequestGivesTheSameResult(@TempDir Path dir) throws Exception {
        AtomicLong lastTick = new AtomicLong(-1);
        MissionSimulation.Result a = MissionSimulation.run(SimMission.small(), 3, 7,
                agents(Optional.of(dir.resolve("a")), survey()), lastTick::set);
        assertTrue(a.succeeded(), a.problems().toString());
        assertEquals(a.cellsTotal(), a.cellsCovered());
        assertEquals(100.0, a.coveragePercent());
        assertTrue(a.fuelByAgent().get("survey") > 0, a.fuelByAgent().toString());
        assertEquals(a.ticks() * 0.2, a.predictedSeconds(), 1e-9);
        assertTrue(lastTick.get() >= a.ticks() - 1, "progress heard every tick");
        assertEquals(3, a.journals().size());
        for (String journal : a.journals()) {
            assertTrue(Files.size(Path.of(journal)) > 0, journal);
        }
        MissionSimulation.Result b = MissionSimulation.run(SimMission.small(), 3, 7,
                agents(Optional.of(dir.resolve("b")), survey()), t -> { });
        assertEquals(a.reportDigest(), b.reportDigest());
        assertEquals(a.fuelByAgent(), b.fuelByAgent());
        assertEquals(a.ticks(), b.ticks());
    }

    @Test
    void aFaultingAgentFailsTheSimulationAndIsNamed() {
        AgentDefinition trap = new AgentDefinition("trap", ExampleAgents.bytes("hostile-trap"), List.of(),
                CapabilityGrant.none());
        MissionSimulation.Result r = MissionSimulation.run(SimMission.small(), 2, 1,
                agents(Optional.empty(), survey(), trap), t -> { });
        assertFalse(r.succeeded());
        assertEquals(List.of("node-1/trap: TRAP(integer divide by zero) at tick 3", "node-2/trap: TRAP(integer divide by zero) at tick 3"), r.faults());
        assertTrue(r.faults().get(0).startsWith("node-1/trap: "), r.faults().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("agent fault node-1/trap")), r.problems().toString());
    }

    @Test
    void tooFewTicksLeaveCellsUncovered() {
        MissionSimulation.Result r = MissionSimulation.run(SimMission.small().withMaxTicks(30), 2, 1,
                agents(Optional.empty(), survey()), t -> { });
        assertFalse(r.succeeded());
        assertTrue(r.cellsCovered() < r.cellsTotal());
        assertEquals(30, r.ticks());
    }

    @Test
    void theDemoFieldIsCoveredAroundTheObstaclesOfTheDemoWorld() throws Exception {
        // the demo's field: 120 m x 60 m from the demo world's origin, 20 ms ticks, obstacles in the field
        LocalFrame frame = new LocalFrame(new io.lockstep.swarm.cells.PointE7(473_769_000, 85_417_000));
        List<io.lockstep.swarm.cells.PointE7> area = List.of(frame.toE7(new io.lockstep.platform.geometry.Vec2(0, 0)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(120, 0)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(120, 60)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(0, 60)));
        SimMission demo = new SimMission("demo", area.get(0), area, 20, 20, 8, 20_000,
                Optional.of(io.lockstep.platform.sim.WorldFile.demo()));
        MissionSimulation.Result r = MissionSimulation.run(demo, 3, 11, agents(Optional.empty(), survey()), t -> { });
        assertTrue(r.succeeded(), r.problems().toString());
        assertEquals(100.0, r.coveragePercent());
    }
}

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

    static AgentDefinition survey() {
        return new AgentDefinition("survey", ExampleAgents.bytes("survey"),
                List.of(new Parameter("lane_spacing", "20"), new Parameter("speed", "8")),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"),
                        List.of("swarm/progress/**", "swarm/covered/**"), List.of(),
                        List.of("lockstep/event/swarm.cells")));
    }

    private static AgentDefinition hello(int ticks) {
        return new AgentDefinition("hello", ExampleAgents.bytes("hello"),
                List.of(new Parameter("ticks", Integer.toString(ticks))), CapabilityGrant.none());
    }

    /** FleetEndToEndTest's one-node "hello" mission: a right triangle of 0.001 degrees, cut into 20 m cells. */
    private static SimMission triangle() {
        List<io.lockstep.swarm.cells.PointE7> area = List.of(new io.lockstep.swarm.cells.PointE7(470_000_000, 80_000_000),
                new io.lockstep.swarm.cells.PointE7(470_000_000, 80_010_000),
                new io.lockstep.swarm.cells.PointE7(470_010_000, 80_010_000));
        return new SimMission("triangle", area.get(0), area, 20, 20, 8, 20_000, Optional.empty());
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
        assertTrue(a.cellsRequired());
        assertEquals(3, a.paths().size());
        for (MissionSimulation.CellCoverage c : a.cellCoverage()) {
            assertTrue(c.tick() >= 0 && c.tick() < a.ticks() && c.node() != null, c.toString());
        }
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
        assertEquals(a.paths(), b.paths());
        assertEquals(a.cellCoverage(), b.cellCoverage());
    }

    @Test
    void theSurveyAgentCoversEverySliverCellOfATriangleOnOneNode() {
        SimMission triangle = triangle();
        assertTrue(triangle.plan().size() > 10, "cells: " + triangle.plan().size());
        MissionSimulation.Result r = MissionSimulation.run(triangle, 1, 3, agents(Optional.empty(), survey()), t -> { });
        assertTrue(r.succeeded(), r.problems().toString());
        assertEquals(r.cellsTotal(), r.cellsCovered());
        // each cell is reported by the agent after it flew the cell's lane: cells come one after another
        long distinctTicks = r.cellCoverage().stream().mapToLong(MissionSimulation.CellCoverage::tick).distinct().count();
        assertEquals(r.cellsTotal(), distinctTicks, r.cellCoverage().toString());
    }

    @Test
    void anAgentThatTakesNoCellsCompletesWhenItFinishesAsOnANode() {
        // the node completes a hello mission after its ticks whatever its cells; so does the simulation
        MissionSimulation.Result r = MissionSimulation.run(triangle(), 1, 3, agents(Optional.empty(), hello(25)), t -> { });
        assertTrue(r.succeeded(), r.problems().toString());
        assertFalse(r.cellsRequired());
        assertEquals(0, r.cellsCovered());
        assertEquals(25, r.ticks());
        assertEquals(0.5, r.predictedSeconds(), 1e-9);
    }

    @Test
    void theMissionsOwnTickLimitEndsItAsOnANodeButTheSimulatorsHorizonDoesNot() {
        // a node completes a mission at its max_ticks ("reached max_ticks"), agents still running or not
        SimMission limited = triangle().withMaxTicks(40);
        MissionAgents ownLimit = new MissionAgents(List.of(hello(100_000)), RuntimeLimits.defaults(),
                () -> InferenceService.NONE, Optional.empty(), true);
        MissionSimulation.Result ended = MissionSimulation.run(limited, 1, 3, ownLimit, t -> { });
        assertTrue(ended.succeeded(), ended.problems().toString());
        assertEquals(40, ended.ticks());
        // without a limit of its own the mission would run on: the simulator's horizon is no completion
        MissionSimulation.Result cut = MissionSimulation.run(limited, 1, 3, agents(Optional.empty(), hello(100_000)),
                t -> { });
        assertFalse(cut.succeeded());
        assertTrue(cut.problems().toString().contains("did not finish"), cut.problems().toString());
    }

    @Test
    void predictedPathsFollowTheVehicleAboutOncePerSecond() {
        MissionSimulation.Result r = MissionSimulation.run(triangle(), 1, 3, agents(Optional.empty(), survey()), t -> { });
        List<MissionSimulation.PathPoint> path = r.paths().get("node-1");
        assertTrue(path.size() > 10 && path.size() <= 601, "points: " + path.size());
        for (int i = 1; i < path.size(); i++) {
            MissionSimulation.PathPoint a = path.get(i - 1);
            MissionSimulation.PathPoint b = path.get(i);
            assertTrue(b.tick() > a.tick(), "ticks ascend");
            double seconds = (b.tick() - a.tick()) * 0.02;
            double metres = Math.hypot(b.x() - a.x(), b.y() - a.y());
            assertTrue(metres <= 8.0 * seconds + 0.5, "no faster than the vehicle: " + a + " -> " + b);
        }
        assertEquals(r.ticks(), path.get(path.size() - 1).tick(), "the path ends where the mission ended");
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
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("did not finish within 30 ticks")), r.problems().toString());
        assertTrue(r.cellsCovered() < r.cellsTotal());
        assertEquals(30, r.ticks());
    }

    @Test
    void theDemoFieldIsCoveredAroundTheObstaclesOfTheDemoWorld() throws Exception {
        SimMission demo = demoField("demo");
        MissionSimulation.Result r = MissionSimulation.run(demo, 3, 11, agents(Optional.empty(), survey()), t -> { });
        assertTrue(r.succeeded(), r.problems().toString());
        assertEquals(100.0, r.coveragePercent());
        // the survey agent's own lanes, slowing into every waypoint: about 104 s here, where flying straight to
        // the cells at full speed predicted about 65 s against 190-270 s flown by real nodes
        assertTrue(r.predictedSeconds() > 90, "predicted " + r.predictedSeconds() + " s");
    }

    /** The demo's field: 120 m x 60 m from the demo world's origin, 20 ms ticks, in the demo world. */
    static SimMission demoField(String missionId) {
        LocalFrame frame = new LocalFrame(new io.lockstep.swarm.cells.PointE7(473_769_000, 85_417_000));
        List<io.lockstep.swarm.cells.PointE7> area = List.of(frame.toE7(new io.lockstep.platform.geometry.Vec2(0, 0)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(120, 0)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(120, 60)),
                frame.toE7(new io.lockstep.platform.geometry.Vec2(0, 60)));
        return new SimMission(missionId, area.get(0), area, 20, 20, 8, 20_000,
                Optional.of(io.lockstep.platform.sim.WorldFile.demo()));
    }
}

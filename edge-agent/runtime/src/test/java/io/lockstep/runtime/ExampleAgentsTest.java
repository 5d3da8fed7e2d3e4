package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The example and hostile agents of lockstep-agents, in both execution modes. */
class ExampleAgentsTest {
    @TempDir
    Path dir;

    /** A hazard model stand-in: the score is the mean of the features. */
    static final InferenceService HAZARD = (model, input) -> {
        float sum = 0;
        for (float f : input) {
            sum += f;
        }
        return new float[] {input.length == 0 ? 0 : 1 - sum / input.length};
    };

    static List<AgentDefinition> examples() {
        return List.of(
                new AgentDefinition("hello", ExampleAgents.bytes("hello"), List.of(new Parameter("ticks", "30")),
                        CapabilityGrant.none()),
                new AgentDefinition("survey", ExampleAgents.bytes("survey"),
                        List.of(new Parameter("lane_spacing", "20")),
                        new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"),
                                List.of("swarm/progress/node-a"), List.of(), List.of())),
                new AgentDefinition("hazard-scout", ExampleAgents.bytes("hazard-scout"),
                        List.of(new Parameter("every", "3")),
                        new CapabilityGrant(List.of("sensor_read", "infer", "emit"), List.of("swarm/hazard/node-a"),
                                List.of("hazard"), List.of())),
                new AgentDefinition("pathplan", ExampleAgents.bytes("pathplan"),
                        List.of(new Parameter("size", "48"), new Parameter("plans", "2"), new Parameter("ticks", "20")),
                        CapabilityGrant.none()),
                new AgentDefinition("nan-storm", ExampleAgents.bytes("hostile-nan-storm"), List.of(),
                        new CapabilityGrant(List.of("act_velocity"), List.of(), List.of(), List.of())));
    }

    /** A robot that drifts toward its commanded velocity; ranges shrink as it moves east. */
    static TickInputs world(int t, double[] state) {
        double[] ranges = new double[16];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = i % 5 == 0 ? Double.POSITIVE_INFINITY : 5 + ((t * 7 + i * 3) % 40);
        }
        SensorFrame f = new SensorFrame(t, state[0], state[1], state[2], state[3], 1.0 - t / 1000.0,
                SensorFrame.FLAG_LINK_UP, ranges);
        return TickInputs.builder().sensorFrame(f.encode()).build();
    }

    static List<String> run(ExecutionMode mode, Path journal, int ticks) {
        List<String> fingerprints = new ArrayList<>();
        MissionRuntime.Builder b = MissionRuntime.builder().missionId("example").nodeId("node-a")
                .assignedArea(new double[] {0, 0, 60, 0, 60, 40, 0, 40}).executionMode(mode).inference(HAZARD);
        examples().forEach(b::agent);
        if (journal != null) {
            b.journal(journal).snapshotEvery(25);
        }
        double[] state = new double[4];
        try (MissionRuntime rt = b.build()) {
            for (int t = 1; t <= ticks; t++) {
                TickResult r = rt.tick(world(t, state));
                r.velocityCommand().ifPresent(v -> {
                    state[2] = v.vx();
                    state[3] = v.vy();
                });
                state[0] += state[2] * 0.1;
                state[1] += state[3] * 0.1;
                fingerprints.add(r.fingerprint());
                for (AgentSnapshot a : r.agents()) {
                    assertTrue(a.state() != AgentState.FAULTED, a.name() + " faulted: " + a.fault());
                }
            }
        }
        return fingerprints;
    }

    @Test
    void everyExampleAgentHasIdenticalFingerprintsInBothModesOverTheSameJournal() {
        Path journal = dir.resolve("examples.journal");
        List<String> interpreted = run(ExecutionMode.INTERPRETER, journal, 60);
        List<String> compiled = run(ExecutionMode.COMPILED, null, 60);
        assertEquals(interpreted, compiled);
        ReplayReport report = JournalReplayer.replay(journal,
                ReplayOptions.defaults().withExecutionMode(ExecutionMode.COMPILED));
        assertTrue(report.ok(), report.detail());
        assertEquals(60, report.lastVerifiedTick());
        assertTrue(JournalReplayer.replay(journal, ReplayOptions.defaults().withFromSnapshot(50)).ok());
    }

    @ParameterizedTest
    @CsvSource({
            "hostile-fuel-bomb,1,FUEL_EXHAUSTED",
            "hostile-deep-recursion,1,CALL_DEPTH_EXCEEDED",
            "hostile-oob,1,TRAP(out of bounds memory access)",
            "hostile-trap,3,TRAP(integer divide by zero)"})
    void hostileAgentsFaultDeterministicallyAndTheOthersKeepRunning(String module, int tick, String fault) {
        List<String> fingerprints = new ArrayList<>();
        for (ExecutionMode mode : ExecutionMode.values()) {
            try (MissionRuntime rt = MissionRuntime.builder().missionId("h").nodeId("n").executionMode(mode)
                    .agent(new AgentDefinition("bad", ExampleAgents.bytes(module), List.of(), CapabilityGrant.none()))
                    .agent(new AgentDefinition("hello", ExampleAgents.bytes("hello"), List.of(), CapabilityGrant.none()))
                    .limits(RuntimeLimits.defaults().withFuelPerTick(1_000_000)).build()) {
                TickResult r = null;
                for (int t = 1; t <= tick; t++) {
                    r = rt.tick(TickInputs.empty());
                    if (t < tick) {
                        assertEquals(AgentState.RUNNING, r.agents().get(0).state());
                    }
                }
                assertEquals(fault, r.agents().get(0).fault(), mode.name());
                assertEquals(AgentState.RUNNING, r.agents().get(1).state());
                fingerprints.add(r.fingerprint());
            }
        }
        assertEquals(fingerprints.get(0), fingerprints.get(1));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void hostileStartAndInitAreStoppedByFuel(ExecutionMode mode) {
        try (MissionRuntime rt = MissionRuntime.builder().missionId("h").nodeId("n").executionMode(mode)
                .agent(new AgentDefinition("start", ExampleAgents.bytes("hostile-infinite-start"), List.of(),
                        CapabilityGrant.none()))
                .agent(new AgentDefinition("init", ExampleAgents.bytes("hostile-infinite-init"), List.of(),
                        CapabilityGrant.none()))
                .agent(new AgentDefinition("bomb", ExampleAgents.bytes("hostile-memory-bomb"), List.of(),
                        CapabilityGrant.none()))
                .limits(RuntimeLimits.defaults().withFuelPerTick(2_000_000).withMaxMemoryPages(16)).build()) {
            TickResult init = rt.initResult().orElseThrow();
            assertEquals("FUEL_EXHAUSTED", init.agents().get(0).fault());
            assertEquals("FUEL_EXHAUSTED", init.agents().get(1).fault());
            for (int t = 0; t < 3; t++) {
                assertEquals(AgentState.RUNNING, rt.tick(TickInputs.empty()).agents().get(2).state());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hostile-huge-memory|memory declares 65536 initial pages",
            "hostile-missing-export|lockstep_tick",
            "hostile-ungranted-import|lockstep.act_velocity is not granted",
            "hostile-unknown-import|lockstep.teleport is unknown",
            "hostile-wrong-abi|lockstep_abi_version returned 2"})
    void hostileModulesAreRefusedByName(String module, String expected) {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> MissionRuntime.builder().missionId("h").nodeId("n")
                        .agent(new AgentDefinition("bad", ExampleAgents.bytes(module), List.of(), CapabilityGrant.none()))
                        .build().close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

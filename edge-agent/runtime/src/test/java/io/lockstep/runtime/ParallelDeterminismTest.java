package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agents of one tick run on several worker threads; nothing observable may depend on how many. A mixed
 * mission (messages between agents, inference from two agents, every kind of fault, memory growth, a NaN
 * storm, compute that needs many fuel units) must give byte-identical journals, the same fingerprints, the
 * same faults and fuel, with 1, 2 and many workers, in both execution modes, and replay with any count.
 */
class ParallelDeterminismTest {
    private static final int MANY = Math.max(5, Runtime.getRuntime().availableProcessors() + 3);

    @TempDir
    Path dir;

    private static AgentDefinition example(String name, String module, List<Parameter> params, CapabilityGrant g) {
        return new AgentDefinition(name, ExampleAgents.bytes(module), params, g);
    }

    private static List<AgentDefinition> mixedMission() {
        CapabilityGrant scout = new CapabilityGrant(List.of("sensor_read", "infer", "emit"),
                List.of("swarm/hazard/node-a"), List.of("hazard"), List.of());
        CapabilityGrant survey = new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"),
                List.of("swarm/progress/node-a"), List.of(), List.of());
        List<AgentDefinition> agents = new ArrayList<>();
        agents.add(TestAgents.echo("echo-1"));
        agents.add(example("scout-1", "hazard-scout", List.of(new Parameter("every", "2")), scout));
        agents.add(example("survey-1", "survey", List.of(new Parameter("lane_spacing", "15")), survey));
        agents.add(example("bomb", "hostile-fuel-bomb", List.of(), CapabilityGrant.none()));
        agents.add(TestAgents.echo("echo-2"));
        agents.add(example("trap", "hostile-trap", List.of(), CapabilityGrant.none()));
        agents.add(example("scout-2", "hazard-scout", List.of(new Parameter("every", "3")), scout));
        agents.add(example("oob", "hostile-oob", List.of(), CapabilityGrant.none()));
        agents.add(example("deep", "hostile-deep-recursion", List.of(), CapabilityGrant.none()));
        agents.add(TestAgents.plain("membomb", "membomb"));
        agents.add(example("pathplan", "pathplan",
                List.of(new Parameter("size", "32"), new Parameter("plans", "2"), new Parameter("ticks", "9")),
                CapabilityGrant.none()));
        agents.add(example("nan-storm", "hostile-nan-storm", List.of(),
                new CapabilityGrant(List.of("act_velocity"), List.of(), List.of(), List.of())));
        agents.add(example("survey-2", "survey", List.of(new Parameter("lane_spacing", "25")), survey));
        agents.add(TestAgents.echo("echo-3"));
        return agents;
    }

    /** What one run produced, tick by tick. */
    private record Run(List<String> fingerprints, List<List<AgentSnapshot>> agents, List<String> velocities,
                       List<Integer> inferenceCalls, List<List<String>> emitted, byte[] journal) {
    }

    private Run run(ExecutionMode mode, int workers, int ticks) throws IOException {
        Path journal = dir.resolve(mode + "-" + workers + ".journal");
        MissionRuntime.Builder b = TestAgents.mission(mode).workers(workers).journal(journal).snapshotEvery(4)
                .inference(ExampleAgentsTest.HAZARD).limits(RuntimeLimits.defaults().withFuelPerTick(3_000_000)
                        .withMaxMemoryPages(64));
        mixedMission().forEach(b::agent);
        List<String> fingerprints = new ArrayList<>();
        List<List<AgentSnapshot>> agents = new ArrayList<>();
        List<String> velocities = new ArrayList<>();
        List<Integer> inference = new ArrayList<>();
        List<List<String>> emitted = new ArrayList<>();
        try (MissionRuntime rt = b.build()) {
            // 14 agents in 13 lanes: the two inference agents share one.
            assertEquals(Math.min(workers, 13), rt.workers());
            TickResult init = rt.initResult().orElseThrow();
            fingerprints.add(init.fingerprint());
            agents.add(init.agents());
            for (int t = 1; t <= ticks; t++) {
                TickResult r = rt.tick(JournalReplayTest.inputs(t));
                fingerprints.add(r.fingerprint());
                agents.add(r.agents());
                velocities.add(r.velocityCommand().map(Object::toString).orElse("-"));
                inference.add(r.inferenceCalls());
                emitted.add(r.emitted().stream().map(m -> m.agent() + "#" + m.seq() + "@" + m.topic()).toList());
            }
        }
        return new Run(fingerprints, agents, velocities, inference, emitted, Files.readAllBytes(journal));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void everyWorkerCountGivesTheSameTicksAndTheSameJournal(ExecutionMode mode) throws IOException {
        int ticks = mode == ExecutionMode.COMPILED ? 12 : 6;
        Run one = run(mode, 1, ticks);
        // The mission really exercises what must stay exact: faults of every kind, fuel and inference.
        Set<String> faults = new TreeSet<>();
        one.agents().forEach(tick -> tick.forEach(a -> faults.add(a.fault())));
        assertTrue(faults.containsAll(Set.of("FUEL_EXHAUSTED", "CALL_DEPTH_EXCEEDED",
                "TRAP(out of bounds memory access)")), faults.toString());
        assertTrue(one.inferenceCalls().stream().mapToInt(Integer::intValue).sum() > 0, "no inference calls");
        for (int workers : new int[] {2, MANY}) {
            Run other = run(mode, workers, ticks);
            assertEquals(one.fingerprints(), other.fingerprints(), workers + " workers");
            assertEquals(one.agents(), other.agents(), workers + " workers: states, faults, fuel, progress");
            assertEquals(one.velocities(), other.velocities(), workers + " workers");
            assertEquals(one.inferenceCalls(), other.inferenceCalls(), workers + " workers");
            assertEquals(one.emitted(), other.emitted(), workers + " workers");
            assertArrayEquals(one.journal(), other.journal(), workers + " workers: journal bytes");
        }
    }

    @Test
    void bothModesAgreeAcrossWorkerCounts() throws IOException {
        Run compiledMany = run(ExecutionMode.COMPILED, MANY, 5);
        Run interpretedTwo = run(ExecutionMode.INTERPRETER, 2, 5);
        assertEquals(compiledMany.fingerprints(), interpretedTwo.fingerprints());
        assertEquals(compiledMany.agents(), interpretedTwo.agents());
    }

    @Test
    void aJournalReplaysAndResumesWithAnyWorkerCount() throws IOException {
        run(ExecutionMode.COMPILED, MANY, 9);
        Path journal = dir.resolve(ExecutionMode.COMPILED + "-" + MANY + ".journal");
        for (int workers : new int[] {1, 2, MANY}) {
            ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults().withWorkers(workers));
            assertTrue(report.ok(), workers + " workers: " + report.detail());
            assertEquals(9, report.lastVerifiedTick());
            ReplayReport fromSnapshot = JournalReplayer.replay(journal,
                    ReplayOptions.defaults().withFromSnapshot(4).withWorkers(workers)
                            .withExecutionMode(ExecutionMode.INTERPRETER));
            assertTrue(fromSnapshot.ok(), workers + " workers from snapshot: " + fromSnapshot.detail());
        }
        String expected;
        Path copy = dir.resolve("copy.journal");
        Files.copy(journal, copy);
        try (MissionRuntime rt = MissionRuntime.resume(journal, ExampleAgentsTest.HAZARD, ExecutionMode.COMPILED, 1)) {
            expected = rt.tick(JournalReplayTest.inputs(10)).fingerprint();
        }
        try (MissionRuntime rt = MissionRuntime.resume(copy, ExampleAgentsTest.HAZARD, ExecutionMode.COMPILED, MANY)) {
            assertEquals(expected, rt.tick(JournalReplayTest.inputs(10)).fingerprint());
        }
    }

    @Test
    void workerCountMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> MissionRuntime.builder().workers(0));
        assertThrows(IllegalArgumentException.class, () -> ReplayOptions.defaults().withWorkers(0));
    }
}

package io.lockstep.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the test agents assembled from src/test/wat and builds common definitions. */
final class TestAgents {
    private TestAgents() {
    }

    static byte[] wasm(String name) {
        try (InputStream in = TestAgents.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grant for the echo agent: every host function it imports, topics under echo/. */
    static CapabilityGrant echoGrant() {
        return new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit"), List.of("echo/**"), List.of(),
                List.of("echo/**"));
    }

    static AgentDefinition echo(String name, Parameter... params) {
        return new AgentDefinition(name, wasm("echo"), List.of(params), echoGrant());
    }

    static AgentDefinition plain(String name, String module, Parameter... params) {
        return new AgentDefinition(name, wasm(module), List.of(params), CapabilityGrant.none());
    }

    static MissionRuntime.Builder mission(ExecutionMode mode, AgentDefinition... agents) {
        MissionRuntime.Builder b = MissionRuntime.builder().missionId("m-1").nodeId("node-a").executionMode(mode)
                .assignedArea(new double[] {0, 0, 100, 0, 100, 50, 0, 50});
        for (AgentDefinition a : agents) {
            b.agent(a);
        }
        return b;
    }

    /** An engine (no journal) for tests that inspect agent memory through snapshots. */
    static io.lockstep.runtime.engine.MissionEngine engine(ExecutionMode mode, RuntimeLimits limits,
                                                          AgentDefinition... agents) {
        long[] seeds = new long[agents.length];
        for (int i = 0; i < agents.length; i++) {
            seeds[i] = io.lockstep.runtime.host.SplitMix64.seed("m-1", agents[i].name());
        }
        var setup = new io.lockstep.runtime.engine.MissionSetup("m-1", "node-a", List.of(agents), new double[0], 0,
                1, limits, mode, seeds);
        return new io.lockstep.runtime.engine.MissionEngine(setup, new io.lockstep.runtime.host.LiveInference(InferenceService.NONE), List::of);
    }

    static io.lockstep.runtime.engine.CanonicalInputs inputs(long tick) {
        return io.lockstep.runtime.engine.CanonicalInputs.of(tick, TickInputs.empty());
    }

    static TickInputs frame(long tick) {
        SensorFrame f = new SensorFrame(tick, tick * 1.5, -2.0, 0.25, 0, 0.9, SensorFrame.FLAG_LINK_UP,
                new double[] {1.0, Double.POSITIVE_INFINITY, 3.5});
        return TickInputs.builder().sensorFrame(f.encode()).build();
    }
}

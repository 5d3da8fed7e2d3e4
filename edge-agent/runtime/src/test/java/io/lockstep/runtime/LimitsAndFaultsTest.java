package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.MissionEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every limit trips deterministically, in both modes, and faults only the offending agent. */
class LimitsAndFaultsTest {

    private static final RuntimeLimits SMALL = RuntimeLimits.defaults().withFuelPerTick(200_000);

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void infiniteLoopIsFuelExhaustedAtTheSameTickWithTheWholeBudget(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("spin", "spin"),
                TestAgents.plain("ok", "minimal")).limits(SMALL).build()) {
            rt.tick(TickInputs.empty());
            TickResult r2 = rt.tick(TickInputs.empty());
            assertEquals(AgentState.RUNNING, r2.agents().get(0).state());
            TickResult r3 = rt.tick(TickInputs.empty());
            AgentSnapshot spin = r3.agents().get(0);
            assertEquals(AgentState.FAULTED, spin.state());
            assertEquals("FUEL_EXHAUSTED", spin.fault());
            assertEquals(SMALL.fuelPerTick(), spin.fuelUsed());
            assertEquals(AgentState.RUNNING, r3.agents().get(1).state(), "other agents keep running");
            TickResult r4 = rt.tick(TickInputs.empty());
            assertEquals(AgentState.FAULTED, r4.agents().get(0).state(), "a faulted agent is not ticked again");
            assertEquals(SMALL.fuelPerTick(), r4.agents().get(0).fuelUsed(),
                    "a faulted agent keeps reporting the fuel of the tick it faulted in");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void startFunctionAndInitRunUnderFuel(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("start", "spin-start"),
                TestAgents.plain("init", "spin-init"), TestAgents.plain("ok", "minimal")).limits(SMALL).build()) {
            List<AgentSnapshot> init = rt.initResult().orElseThrow().agents();
            assertEquals("FUEL_EXHAUSTED", init.get(0).fault());
            assertEquals(SMALL.fuelPerTick(), init.get(0).fuelUsed());
            assertEquals("FUEL_EXHAUSTED", init.get(1).fault());
            assertEquals(SMALL.fuelPerTick(), init.get(1).fuelUsed());
            assertEquals(AgentState.RUNNING, init.get(2).state());
            TickResult r = rt.tick(TickInputs.empty());
            assertEquals(AgentState.FAULTED, r.agents().get(0).state());
            assertEquals(AgentState.RUNNING, r.agents().get(2).state());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void deepRecursionHitsTheInjectedCallDepthLimit(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("r", "recurse")).build()) {
            TickResult r1 = rt.tick(TickInputs.empty());
            assertEquals(AgentState.RUNNING, r1.agents().get(0).state(), "500 frames are within the limit");
            TickResult r2 = rt.tick(TickInputs.empty());
            assertEquals("CALL_DEPTH_EXCEEDED", r2.agents().get(0).fault());
        }
    }

    @ParameterizedTest
    @CsvSource({"u,TRAP(unreachable)", "d,TRAP(integer divide by zero)", "o,TRAP(out of bounds memory access)",
            "c,TRAP(invalid conversion to integer)", "v,TRAP(integer overflow)", "e,AGENT_ERROR(-7)"})
    void everyTrapBecomesTheSameFaultInBothModes(String kind, String fault) {
        List<String> fingerprints = new ArrayList<>();
        for (ExecutionMode mode : ExecutionMode.values()) {
            try (MissionRuntime rt = TestAgents.mission(mode,
                    TestAgents.plain("t", "traps", new Parameter("kind", kind))).build()) {
                assertEquals(AgentState.RUNNING, rt.tick(TickInputs.empty()).agents().get(0).state());
                TickResult r2 = rt.tick(TickInputs.empty());
                assertEquals(AgentState.FAULTED, r2.agents().get(0).state(), mode.name());
                assertEquals(fault, r2.agents().get(0).fault(), mode.name());
                fingerprints.add(r2.fingerprint());
            }
        }
        assertEquals(fingerprints.get(0), fingerprints.get(1));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void initReturningNonZeroFaultsWithInitFailed(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode,
                TestAgents.plain("t", "traps", new Parameter("kind", "i"))).build()) {
            assertEquals("INIT_FAILED", rt.initResult().orElseThrow().agents().get(0).fault());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void memoryBombStopsAtThePageLimitWithoutFaulting(ExecutionMode mode) {
        RuntimeLimits limits = RuntimeLimits.defaults().withMaxMemoryPages(8);
        try (MissionEngine engine = TestAgents.engine(mode, limits, TestAgents.plain("bomb", "membomb"))) {
            engine.initialize();
            var outcome = engine.tick(TestAgents.inputs(1));
            assertEquals(AgentState.RUNNING, outcome.result().agents().get(0).state());
            AgentStateData data = engine.snapshot().agents().get(0);
            assertEquals(8, data.memoryPages());
            ByteBuffer mem = ByteBuffer.wrap(engine.memoryCopy(0)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(8, mem.getInt(0));
            assertEquals(-1, mem.getInt(4));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void bulkMemoryPaysFuelPerByte(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("fill", "fillbomb")).limits(SMALL)
                .build()) {
            TickResult r = rt.tick(TickInputs.empty());
            assertEquals("FUEL_EXHAUSTED", r.agents().get(0).fault());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void nanResultsAreCanonical(ExecutionMode mode) {
        try (MissionEngine engine = TestAgents.engine(mode, RuntimeLimits.defaults(), TestAgents.plain("nan", "nan"))) {
            engine.initialize();
            for (int t = 1; t <= 3; t++) {
                engine.tick(TestAgents.inputs(t));
                ByteBuffer mem = ByteBuffer.wrap(engine.memoryCopy(0))
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (int off = 0; off < 40; off += 4) {
                    assertEquals(0x7fc00000, mem.getInt(off), "f32 at " + off + " tick " + t);
                }
                for (int off = 64; off < 128; off += 8) {
                    assertEquals(0x7ff8000000000000L, mem.getLong(off), "f64 at " + off + " tick " + t);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void multiValueFunctionsWithEarlyReturnsKeepTheirResults(ExecutionMode mode) {
        try (MissionEngine engine = TestAgents.engine(mode, RuntimeLimits.defaults(), TestAgents.plain("mv", "multi"))) {
            engine.initialize();
            for (int t = 1; t <= 7; t++) {
                engine.tick(TestAgents.inputs(t));
                ByteBuffer mem = ByteBuffer.wrap(engine.memoryCopy(0))
                        .order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(t > 5 ? 1 : t, mem.getInt(0));
                assertEquals(t > 5 ? 2L : t, mem.getLong(8));
            }
            var last = engine.tick(TestAgents.inputs(8));
            assertEquals(AgentState.DONE, last.result().agents().get(0).state());
            assertTrue(last.result().allFinished());
        }
    }
}

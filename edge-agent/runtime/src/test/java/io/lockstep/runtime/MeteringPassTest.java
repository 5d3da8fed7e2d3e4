package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.MemoryRun;
import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.wasm.MeteringPass;
import io.lockstep.runtime.wasm.ModuleParser;
import io.lockstep.runtime.wasm.ParsedModule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeteringPassTest {

    @Test
    void instrumentationKeepsEveryIndexAndAddsTheRuntimeExports() throws Exception {
        for (byte[] original : List.of(TestAgents.wasm("echo"), ExampleAgents.bytes("pathplan"),
                TestAgents.wasm("spin-start"))) {
            ParsedModule before = ModuleParser.parse(original);
            MeteringPass.Result result = MeteringPass.instrument(before, 1000, 100, 64);
            ParsedModule after = ModuleParser.parse(result.bytes());
            assertEquals(before.imports(), after.imports());
            assertEquals(before.definedFunctionTypes().length + MeteringPass.HELPER_FUNCTIONS,
                    after.definedFunctionTypes().length);
            assertEquals(before.definedGlobals() + 2, after.definedGlobals());
            for (ParsedModule.Export e : before.exports()) {
                assertEquals(e, after.export(e.name()).orElseThrow());
            }
            assertEquals(before.totalGlobals(), after.export(MeteringPass.FUEL_EXPORT).orElseThrow().index());
            assertTrue(after.startFunction().isEmpty());
            assertEquals(before.startFunction().isPresent(), after.export(MeteringPass.START_EXPORT).isPresent());
            assertEquals(64, after.memory().orElseThrow().max());
        }
    }

    /**
     * minimal's tick has no loop: its 9 instructions (global.get, i64.const, i64.add, global.set, i32.const,
     * global.get, i64.store, i32.const, end) are charged on entry, exactly 9 fuel in both modes.
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void fuelIsTheInstructionCountOfTheBodyEntered(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("m", "minimal")).build()) {
            assertEquals(9, rt.tick(TickInputs.empty()).agents().get(0).fuelUsed());
            assertEquals(9, rt.tick(TickInputs.empty()).agents().get(0).fuelUsed());
        }
    }

    /**
     * recurse's tick 1: the tick body (19 instructions, both ifs included whichever runs) plus 501 entries of
     * $down (13 instructions each, both if arms included).
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void callsChargeTheirCalleesBody(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("r", "recurse")).build()) {
            assertEquals(19 + 501 * 13, rt.tick(TickInputs.empty()).agents().get(0).fuelUsed());
        }
    }

    /** spin's tick 3 loops forever: it is charged until the budget is gone, then faults at the header. */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void loopsPayPerIteration(ExecutionMode mode) {
        try (MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("s", "spin"))
                .limits(RuntimeLimits.defaults().withFuelPerTick(1000)).build()) {
            long first = rt.tick(TickInputs.empty()).agents().get(0).fuelUsed();
            assertEquals(first, rt.tick(TickInputs.empty()).agents().get(0).fuelUsed());
            AgentSnapshot third = rt.tick(TickInputs.empty()).agents().get(0);
            assertEquals("FUEL_EXHAUSTED", third.fault());
            assertEquals(1000, third.fuelUsed());
        }
    }

    /**
     * spin's tick 3 is 8 instructions outside its loop and 9 inside (the loop's end included), and each
     * iteration stores its count at address 0. With 1000 fuel the entry leaves 992, the 111th header charge
     * goes below zero, so exactly 110 iterations ran: the same in every mode.
     */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aLoopRunsOutOfFuelAtTheSameIterationInEveryMode(ExecutionMode mode) {
        try (MissionEngine engine = TestAgents.engine(mode, RuntimeLimits.defaults().withFuelPerTick(1000),
                TestAgents.plain("s", "spin"))) {
            engine.initialize();
            for (int t = 1; t <= 3; t++) {
                engine.tick(TestAgents.inputs(t));
            }
            AgentStateData spin = engine.snapshot().agents().get(0);
            assertEquals("FUEL_EXHAUSTED", spin.fault());
            // the count differs from the fresh (zero) memory, so the snapshot's first run starts at address 0
            MemoryRun counter = spin.memory().runs().get(0);
            assertEquals(0, counter.offset());
            assertEquals(110, ByteBuffer.wrap(counter.data()).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        }
    }

    @Test
    void fuelUsedIsIdenticalInBothModesForAComputeHeavyAgent() {
        List<List<Long>> fuel = new ArrayList<>();
        for (ExecutionMode mode : ExecutionMode.values()) {
            List<Long> perTick = new ArrayList<>();
            try (MissionRuntime rt = MissionRuntime.builder().missionId("p").nodeId("n").executionMode(mode)
                    .agent(new AgentDefinition("pathplan", ExampleAgents.bytes("pathplan"),
                            List.of(new Parameter("size", "64"), new Parameter("plans", "3")), CapabilityGrant.none()))
                    .build()) {
                perTick.add(rt.initResult().orElseThrow().agents().get(0).fuelUsed());
                for (int t = 0; t < 5; t++) {
                    perTick.add(rt.tick(TickInputs.empty()).agents().get(0).fuelUsed());
                }
            }
            fuel.add(perTick);
        }
        assertEquals(fuel.get(0), fuel.get(1));
        assertTrue(fuel.get(0).get(1) > 10_000, "planning costs fuel: " + fuel.get(0));
    }
}

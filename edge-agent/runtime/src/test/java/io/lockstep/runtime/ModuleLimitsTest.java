package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.ModuleRejectedException.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Modules that are valid Wasm but beyond what a node can load are refused by the shared checks
 * ({@link AgentModules}, which C2 runs at upload) naming the limit, and a module at the limits loads and runs
 * on a node in both execution modes: C2 and the node agree.
 */
class ModuleLimitsTest {
    private static final int STACK_LIMIT = 10_000;
    private static final int NESTING_LIMIT = 10_000;

    @Test
    void aDeepOperandStackIsRefusedNamingTheLimit() {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> AgentModules.validateForAnyMission(GeneratedModules.deepStack(200_000)));
        assertEquals(Fault.MODULE, e.fault());
        assertTrue(e.reason().contains("operand stack limit") && e.reason().contains("10000"), e.reason());
    }

    @Test
    void deepNestingIsRefusedNamingTheLimit() {
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class,
                () -> AgentModules.validateForAnyMission(GeneratedModules.nestedBlocks(1_000_000)));
        assertEquals(Fault.MODULE, e.fault());
        assertTrue(e.reason().contains("nesting limit") && e.reason().contains("10000"), e.reason());
        assertThrows(ModuleRejectedException.class,
                () -> AgentModules.validateForAnyMission(GeneratedModules.nestedBlocks(NESTING_LIMIT + 1)));
        assertThrows(ModuleRejectedException.class,
                () -> AgentModules.validateForAnyMission(GeneratedModules.deepStack(STACK_LIMIT + 1)));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void modulesAtTheLimitsPassTheChecksAndRunOnANode(ExecutionMode mode) {
        // The new limits, and the extremes of the older ones: many locals, one very long function.
        List<byte[]> modules = List.of(GeneratedModules.deepStack(STACK_LIMIT),
                GeneratedModules.nestedBlocks(NESTING_LIMIT), GeneratedModules.manyLocals(40_000),
                GeneratedModules.longFunction(100_000));
        MissionRuntime.Builder mission = TestAgents.mission(mode);
        for (int i = 0; i < modules.size(); i++) {
            AgentModules.validateForAnyMission(modules.get(i));
            mission.agent(new AgentDefinition("a" + i, modules.get(i), List.of(), CapabilityGrant.none()));
        }
        try (MissionRuntime rt = mission.build()) {
            TickResult r = rt.tick(TickInputs.empty());
            for (AgentSnapshot a : r.agents()) {
                assertEquals(AgentState.RUNNING, a.state(), a.name() + ": " + a.fault());
            }
        }
    }
}

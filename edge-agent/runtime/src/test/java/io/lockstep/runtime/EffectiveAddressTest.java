package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A load or store's effective address is the unsigned base plus the unsigned offset, computed without
 * wrapping: a base of -4 (0xFFFFFFFC) with offset 8 is address 2^32 + 4, out of bounds, never address 4.
 * Both modes trap. (Chicory's interpreter still wraps {@code i32.store8}, {@code i64.store8} and
 * {@code i64.store32} around; docs/determinism.md lists it.)
 */
class EffectiveAddressTest {

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aBaseAbove2To31PlusAnOffsetTrapsInsteadOfWrappingAround(ExecutionMode mode) {
        // i32.const -4; i32.load offset=8; drop; i32.const 0
        assertTraps(mode, GeneratedModules.tick(0x41, 0x7C, 0x28, 0x02, 0x08, 0x1A, 0x41, 0x00));
        // i32.const -4; i64.const 7; i64.store offset=8; i32.const 0
        assertTraps(mode, GeneratedModules.tick(0x41, 0x7C, 0x42, 0x07, 0x37, 0x03, 0x08, 0x41, 0x00));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void anAddressThatEndsExactlyAtTheEndOfMemoryIsInBounds(ExecutionMode mode) {
        // i32.const 65532; i32.const 7; i32.store offset=0; i32.const 65528; i32.load offset=4; i32.const 7;
        // i32.sub (0 when the load read the store back)
        byte[] wasm = GeneratedModules.tick(0x41, 0xFC, 0xFF, 0x03, 0x41, 0x07, 0x36, 0x02, 0x00,
                0x41, 0xF8, 0xFF, 0x03, 0x28, 0x02, 0x04, 0x41, 0x07, 0x6B);
        try (MissionRuntime rt = TestAgents.mission(mode, new AgentDefinition("a", wasm, List.of(),
                CapabilityGrant.none())).build()) {
            AgentSnapshot agent = rt.tick(TickInputs.empty()).agents().get(0);
            assertEquals(AgentState.RUNNING, agent.state(), String.valueOf(agent.fault()));
        }
    }

    private static void assertTraps(ExecutionMode mode, byte[] wasm) {
        try (MissionRuntime rt = TestAgents.mission(mode, new AgentDefinition("a", wasm, List.of(),
                CapabilityGrant.none())).build()) {
            AgentSnapshot agent = rt.tick(TickInputs.empty()).agents().get(0);
            assertEquals("TRAP(out of bounds memory access)", agent.fault(), agent.toString());
        }
    }
}

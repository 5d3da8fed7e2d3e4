package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.runtime.GeneratedModules.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A load or store's effective address is the unsigned base plus the unsigned offset, computed without
 * wrapping: a base of -4 (0xFFFFFFFC) with offset 8 is address 2^32 + 4, out of bounds, never address 4.
 * Every load and store width, and every bulk memory operation, traps in both modes with the same fault, and
 * an access that ends exactly at the end of memory does not trap. (Chicory's interpreter wraps
 * {@code i32.store8}, {@code i64.store8} and {@code i64.store32} around; the metering pass rewrites them.)
 */
class EffectiveAddressTest {
    private static final int MEMORY_END = 65536;
    private static final int STORED = 7;

    /** A load or store: opcode, access width in bytes, and the value-pushing code of a store (null: load). */
    record Access(String name, int op, int width, int[] value) {
        boolean store() {
            return value != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int[] I32 = {0x41, STORED};
    private static final int[] I64 = {0x42, STORED};
    // Raw bit patterns whose lowest byte is STORED, so every width reads back the same first byte.
    private static final int[] F32 = {0x43, STORED, 0, 0, 0};
    private static final int[] F64 = {0x44, STORED, 0, 0, 0, 0, 0, 0, 0};

    private static final List<Access> ACCESSES = List.of(
            new Access("i32.load", 0x28, 4, null), new Access("i64.load", 0x29, 8, null),
            new Access("f32.load", 0x2A, 4, null), new Access("f64.load", 0x2B, 8, null),
            new Access("i32.load8_s", 0x2C, 1, null), new Access("i32.load8_u", 0x2D, 1, null),
            new Access("i32.load16_s", 0x2E, 2, null), new Access("i32.load16_u", 0x2F, 2, null),
            new Access("i64.load8_s", 0x30, 1, null), new Access("i64.load8_u", 0x31, 1, null),
            new Access("i64.load16_s", 0x32, 2, null), new Access("i64.load16_u", 0x33, 2, null),
            new Access("i64.load32_s", 0x34, 4, null), new Access("i64.load32_u", 0x35, 4, null),
            new Access("i32.store", 0x36, 4, I32), new Access("i64.store", 0x37, 8, I64),
            new Access("f32.store", 0x38, 4, F32), new Access("f64.store", 0x39, 8, F64),
            new Access("i32.store8", 0x3A, 1, I32), new Access("i32.store16", 0x3B, 2, I32),
            new Access("i64.store8", 0x3C, 1, I64), new Access("i64.store16", 0x3D, 2, I64),
            new Access("i64.store32", 0x3E, 4, I64));

    static Stream<Arguments> accessesInEveryMode() {
        List<Arguments> out = new ArrayList<>();
        for (ExecutionMode mode : ExecutionMode.values()) {
            for (Access access : ACCESSES) {
                out.add(Arguments.of(mode, access));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accessesInEveryMode")
    void aBaseAbove2To31PlusAnOffsetTrapsInsteadOfWrappingAround(ExecutionMode mode, Access access) {
        assertTraps(mode, GeneratedModules.tick(access(access, -1, 1, false)));
        assertTraps(mode, GeneratedModules.tick(access(access, -4, 8, false)));
        // The largest offset, whose sum with any base above 0 carries past 2^32.
        assertTraps(mode, GeneratedModules.tick(access(access, 2, 0xFFFFFFFFL, false)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accessesInEveryMode")
    void anAccessThatEndsExactlyAtTheEndOfMemoryIsInBounds(ExecutionMode mode, Access access) {
        // Fuel is the original instruction count (end included) in every mode: a rewritten store pays no more.
        long fuel = access.store() ? 8 : 5;
        assertEquals(fuel, assertRuns(mode, GeneratedModules.tick(
                access(access, MEMORY_END - access.width() - 8, 8, true))).fuelUsed());
        assertEquals(fuel, assertRuns(mode, GeneratedModules.tick(
                access(access, MEMORY_END - access.width(), 0, true))).fuelUsed());
    }

    /** The bulk operations take no offset; a range from -1 or -4 ends past 2^32 and traps. */
    @ParameterizedTest
    @MethodSource("modes")
    void bulkOperationsFromAnAddressAbove2To31Trap(ExecutionMode mode) {
        for (int dest : new int[] {-1, -4}) {
            assertTraps(mode, GeneratedModules.tick(concat(fill(dest, 8), zero())));
            assertTraps(mode, GeneratedModules.tick(concat(copy(dest, 0, 8), zero())));
            assertTraps(mode, GeneratedModules.tick(concat(copy(0, dest, 8), zero())));
            assertTraps(mode, GeneratedModules.tickWithPassiveData(new byte[8], concat(init(dest, 8), zero())));
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void bulkOperationsEndingExactlyAtTheEndOfMemoryAreInBounds(ExecutionMode mode) {
        int dest = MEMORY_END - 8;
        assertRuns(mode, GeneratedModules.tick(concat(fill(dest, 8), readBack(MEMORY_END - 1))));
        // Fill the last 8 bytes, copy them onto the start, clear the end, and copy them back over the end.
        assertRuns(mode, GeneratedModules.tick(concat(fill(dest, 8), copy(0, dest, 8),
                new Out().i32(dest).i32(0).i32(8).raw(0xFC, 0x0B, 0x00).ints(), copy(dest, 0, 8),
                readBack(MEMORY_END - 1))));
        byte[] data = {STORED, STORED, STORED, STORED, STORED, STORED, STORED, STORED};
        assertRuns(mode, GeneratedModules.tickWithPassiveData(data, concat(init(dest, 8),
                readBack(MEMORY_END - 1))));
    }

    static Stream<ExecutionMode> modes() {
        return Stream.of(ExecutionMode.values());
    }

    /**
     * {@code i32.const base; [value]; op offset; ...}: a load drops its result and returns 0; with
     * {@code readBack} a store returns the byte at its address minus {@link #STORED} (0 when it stored).
     */
    private static int[] access(Access access, int base, long offset, boolean readBack) {
        Out code = new Out().i32(base);
        if (access.store()) {
            code.raw(access.value());
        }
        code.raw(access.op(), 0).u32(offset);
        if (!access.store()) {
            return code.raw(0x1A).i32(0).ints();
        }
        if (readBack) {
            return code.raw(readBack((int) (base + offset))).ints();
        }
        return code.i32(0).ints();
    }

    /** {@code memory.fill(dest, STORED, n)}. */
    private static int[] fill(int dest, int n) {
        return new Out().i32(dest).i32(STORED).i32(n).raw(0xFC, 0x0B, 0x00).ints();
    }

    /** {@code memory.copy(dest, src, n)}. */
    private static int[] copy(int dest, int src, int n) {
        return new Out().i32(dest).i32(src).i32(n).raw(0xFC, 0x0A, 0x00, 0x00).ints();
    }

    /** {@code memory.init} of data segment 0 from its start: {@code (dest, 0, n)}. */
    private static int[] init(int dest, int n) {
        return new Out().i32(dest).i32(0).i32(n).raw(0xFC, 0x08, 0x00, 0x00).ints();
    }

    /** Returns 0 from the tick. */
    private static int[] zero() {
        return new Out().i32(0).ints();
    }

    /** {@code i32.load8_u(address) - STORED}: 0 when the byte was written. */
    private static int[] readBack(int address) {
        return new Out().i32(address).raw(0x2D, 0x00, 0x00).i32(STORED).raw(0x6B).ints();
    }

    private static int[] concat(int[]... parts) {
        Out code = new Out();
        for (int[] part : parts) {
            code.raw(part);
        }
        return code.ints();
    }

    private static void assertTraps(ExecutionMode mode, byte[] wasm) {
        try (MissionRuntime rt = TestAgents.mission(mode, new AgentDefinition("a", wasm, List.of(),
                CapabilityGrant.none())).build()) {
            AgentSnapshot agent = rt.tick(TickInputs.empty()).agents().get(0);
            assertEquals("TRAP(out of bounds memory access)", agent.fault(), agent.toString());
        }
    }

    private static AgentSnapshot assertRuns(ExecutionMode mode, byte[] wasm) {
        try (MissionRuntime rt = TestAgents.mission(mode, new AgentDefinition("a", wasm, List.of(),
                CapabilityGrant.none())).build()) {
            AgentSnapshot agent = rt.tick(TickInputs.empty()).agents().get(0);
            assertEquals(AgentState.RUNNING, agent.state(), String.valueOf(agent.fault()));
            return agent;
        }
    }
}

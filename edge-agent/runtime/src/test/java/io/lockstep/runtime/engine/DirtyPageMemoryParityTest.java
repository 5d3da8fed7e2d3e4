package io.lockstep.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The flat {@link DirtyPageMemory} replaced Chicory's {@link ByteArrayMemory} under every agent, so it must
 * behave exactly like it: the same values, the same traps (exception class and trap kind) and the same bytes
 * after every operation, in bounds, straddling a page boundary and out of bounds, including growth and
 * passive data segments. A difference would change fingerprints or the point where an agent faults.
 */
class DirtyPageMemoryParityTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    /** One operation applied to a memory; returns its result or the trap it threw, as comparable text. */
    private record Op(String name, Function<Memory, Object> apply) {
        String on(Memory memory) {
            try {
                Object result = apply.apply(memory);
                return result instanceof byte[] b ? "bytes " + Arrays.toString(b) : "value " + result;
            } catch (RuntimeException e) {
                // The fault an agent gets is the trap kind; the detail of the message (which byte of a
                // straddling access was reported) is not part of any digest and may differ.
                return "trap " + e.getClass().getName() + ": " + TrapKinds.of(e);
            }
        }
    }

    private static List<Op> operations(SplittableRandom random, int pages) {
        int size = pages * PAGE;
        // Addresses near 0, near page boundaries, near the end, past the end and negative.
        int[] interesting = {0, 1, PAGE - 9, PAGE - 3, PAGE - 1, PAGE, size - 9, size - 4, size - 2, size - 1, size,
            size + 3, -1, -8, Integer.MIN_VALUE, random.nextInt(Math.max(1, size))};
        int a = interesting[random.nextInt(interesting.length)];
        int pick = interesting[random.nextInt(interesting.length)];
        // A fill whose end minus start overflows is where the two differ on purpose (see the next test).
        int b = (long) pick - a == pick - a ? pick : a;
        long v = random.nextLong();
        int len = random.nextInt(3) == 0 ? -1 : random.nextInt(2 * PAGE);
        return List.of(
                new Op("read " + a, m -> m.read(a)),
                new Op("readShort " + a, m -> m.readShort(a)),
                new Op("readU16 " + a, m -> m.readU16(a)),
                new Op("readInt " + a, m -> m.readInt(a)),
                new Op("readLong " + a, m -> m.readLong(a)),
                new Op("readFloat " + a, m -> Float.floatToRawIntBits(m.readFloat(a))),
                new Op("readDouble " + a, m -> Double.doubleToRawLongBits(m.readDouble(a))),
                new Op("readF32 " + a, m -> m.readF32(a)),
                new Op("readF64 " + a, m -> m.readF64(a)),
                new Op("readBytes " + a + " " + len, m -> m.readBytes(a, len)),
                new Op("writeByte " + a, m -> {
                    m.writeByte(a, (byte) v);
                    return null;
                }),
                new Op("writeShort " + a, m -> {
                    m.writeShort(a, (short) v);
                    return null;
                }),
                new Op("writeI32 " + a, m -> {
                    m.writeI32(a, (int) v);
                    return null;
                }),
                new Op("writeLong " + a, m -> {
                    m.writeLong(a, v);
                    return null;
                }),
                new Op("writeF32 " + a, m -> {
                    m.writeF32(a, Float.intBitsToFloat((int) v));
                    return null;
                }),
                new Op("writeF64 " + a, m -> {
                    m.writeF64(a, Double.longBitsToDouble(v));
                    return null;
                }),
                new Op("write " + a + " " + len, m -> {
                    m.write(a, new byte[Math.max(0, len) + 3], 3, len);
                    return null;
                }),
                new Op("fill " + a + ".." + b, m -> {
                    m.fill((byte) v, a, b);
                    return null;
                }),
                new Op("copy " + a + " " + b + " " + len, m -> {
                    m.copy(a, b, len);
                    return null;
                }),
                new Op("initPassiveSegment " + a + " " + len, m -> {
                    m.initPassiveSegment(0, a, 5, len);
                    return null;
                }),
                new Op("drop", m -> {
                    m.drop(0);
                    return null;
                }),
                new Op("grow " + (b & 3), m -> m.grow(b & 3)),
                new Op("pages", Memory::pages));
    }

    @Test
    void aBulkRangeEndingPast2To31TrapsWithoutWriting() {
        DirtyPageMemory memory = new DirtyPageMemory(new MemoryLimits(6, 6));
        int crc = memory.crc32c();
        int from = 5 * PAGE + 1000;
        int size = Integer.MAX_VALUE - 500; // from + size overflows an int
        assertEquals("trap com.dylibso.chicory.runtime.WasmRuntimeException: out of bounds memory access",
                new Op("fill", m -> {
                    m.fill((byte) 1, from, from + size);
                    return null;
                }).on(memory));
        assertEquals("trap com.dylibso.chicory.runtime.WasmRuntimeException: out of bounds memory access",
                new Op("copy", m -> {
                    m.copy(from, 0, size);
                    return null;
                }).on(memory));
        assertEquals(crc, memory.crc32c());
        assertArrayEquals(new byte[6 * PAGE], memory.copy());
    }

    @Test
    void everyOperationMatchesChicorysByteArrayMemory() {
        MemoryLimits limits = new MemoryLimits(2, 6);
        Memory chicory = new ByteArrayMemory(limits);
        DirtyPageMemory flat = new DirtyPageMemory(limits);
        byte[] passive = new byte[3 * PAGE];
        new SplittableRandom(3).nextBytes(passive);
        // initialize(..) stores the array and drop(..) writes into it, so each memory gets its own.
        chicory.initialize(null, new DataSegment[] {new PassiveDataSegment(passive)});
        flat.initialize(null, new DataSegment[] {new PassiveDataSegment(passive)});
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 4_000; step++) {
            List<Op> ops = operations(random, chicory.pages());
            Op op = ops.get(random.nextInt(ops.size()));
            assertEquals(op.on(chicory), op.on(flat), "step " + step + ": " + op.name());
            if (step % 50 == 0) {
                assertArrayEquals(chicory.readBytes(0, chicory.pages() * PAGE), flat.copy(), "step " + step);
            }
        }
        assertArrayEquals(chicory.readBytes(0, chicory.pages() * PAGE), flat.copy());
        assertEquals(6, flat.pages(), "the run grew the memory to its maximum");
    }
}

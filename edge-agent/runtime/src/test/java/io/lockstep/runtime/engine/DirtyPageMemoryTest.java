package io.lockstep.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The incremental memory digest must equal the CRC32C of the whole memory after every kind of write,
 * including writes that straddle a page boundary, bulk fills and copies, growth and failed writes.
 */
class DirtyPageMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    private static int wholeCrc(Memory memory) {
        CRC32C crc = new CRC32C();
        crc.update(memory.readBytes(0, memory.pages() * PAGE));
        return (int) crc.getValue();
    }

    private static void assertDigestIsWholeCrc(DirtyPageMemory memory) {
        assertEquals(wholeCrc(memory), memory.crc32c());
        // A second digest with nothing written in between hashes nothing and still agrees.
        assertEquals(wholeCrc(memory), memory.crc32c());
    }

    @Test
    void everyKindOfWriteIsSeen() {
        DirtyPageMemory memory = new DirtyPageMemory(new MemoryLimits(3, 10));
        assertDigestIsWholeCrc(memory);
        memory.writeI32(PAGE - 2, 0x11223344);
        assertDigestIsWholeCrc(memory);
        memory.writeLong(2 * PAGE - 4, 0x0102030405060708L);
        assertDigestIsWholeCrc(memory);
        memory.writeShort(3 * PAGE - 2, (short) 0x7788);
        assertDigestIsWholeCrc(memory);
        memory.writeByte(17, (byte) 9);
        assertDigestIsWholeCrc(memory);
        memory.writeF32(PAGE + 100, 1.5f);
        assertDigestIsWholeCrc(memory);
        memory.writeF64(2 * PAGE - 3, Math.PI);
        assertDigestIsWholeCrc(memory);
        memory.write(PAGE - 10, new byte[PAGE + 20], 0, PAGE + 20);
        assertDigestIsWholeCrc(memory);
        memory.fill((byte) 0x5A, 10, 2 * PAGE + 10);
        assertDigestIsWholeCrc(memory);
        memory.copy(2 * PAGE + 50, 0, 300);
        assertDigestIsWholeCrc(memory);
        assertEquals(3, memory.grow(2));
        assertDigestIsWholeCrc(memory);
        memory.writeI32(5 * PAGE - 4, -1);
        assertDigestIsWholeCrc(memory);
        memory.zero();
        assertDigestIsWholeCrc(memory);
    }

    @Test
    void aTrappingWriteChangesNothing() {
        DirtyPageMemory memory = new DirtyPageMemory(new MemoryLimits(1, 1));
        memory.writeI32(0, 42);
        int before = memory.crc32c();
        assertThrows(RuntimeException.class, () -> memory.writeLong(PAGE - 4, 1));
        assertThrows(RuntimeException.class, () -> memory.fill((byte) 1, PAGE - 1, PAGE + 1));
        assertEquals(before, memory.crc32c());
        assertEquals(wholeCrc(memory), before);
    }

    @Test
    void randomWritesAgreeWithTheWholeMemoryCrc() {
        DirtyPageMemory memory = new DirtyPageMemory(new MemoryLimits(8, 8));
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            for (int w = random.nextInt(4); w > 0; w--) {
                memory.writeLong(random.nextInt(8 * PAGE - 8), random.nextLong());
            }
            assertDigestIsWholeCrc(memory);
        }
        assertArrayEquals(memory.readBytes(0, 8 * PAGE), memory.copy());
    }
}

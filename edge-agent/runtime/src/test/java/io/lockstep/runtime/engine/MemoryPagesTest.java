package io.lockstep.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import org.junit.jupiter.api.Test;

class MemoryPagesTest {

    @Test
    void inPlaceAndCopyingReadsAgree() {
        Memory memory = new ByteArrayMemory(new MemoryLimits(2, 8));
        memory.writeI32(70_000, 0x12345678);
        memory.grow(1);
        memory.writeLong(3 * Memory.PAGE_SIZE - 8, -1L);
        assertTrue(MemoryPages.inPlace(memory), "Chicory's ByteArrayMemory pages are read in place");
        assertEquals(MemoryPages.crc32cByCopy(memory), MemoryPages.crc32c(memory));
        assertArrayEquals(memory.readBytes(0, 3 * Memory.PAGE_SIZE), MemoryPages.copy(memory));
        int before = MemoryPages.crc32c(memory);
        memory.writeByte(5, (byte) 1);
        assertNotEquals(before, MemoryPages.crc32c(memory));
    }
}

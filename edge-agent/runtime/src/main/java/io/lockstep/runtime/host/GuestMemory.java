package io.lockstep.runtime.host;

import com.dylibso.chicory.runtime.Memory;

/** Bounds checks for (pointer, length) pairs an agent passes to host functions. */
final class GuestMemory {
    private GuestMemory() {
    }

    /** Whether [ptr, ptr+len) lies inside the memory; pointers and lengths are unsigned i32. */
    static boolean inBounds(Memory memory, long ptr, long len) {
        long p = ptr & 0xFFFF_FFFFL;
        long l = len & 0xFFFF_FFFFL;
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        return p + l <= size;
    }
}

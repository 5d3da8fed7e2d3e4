package io.lockstep.runtime.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import java.lang.reflect.Field;
import java.util.zip.CRC32C;

/**
 * Reads an agent's linear memory page by page for digests and snapshots.
 *
 * <p>Hashing every agent's memory every tick must be cheap: CRC32C itself runs at tens of GB/s, but
 * {@link Memory#readBytes} allocates and copies a fresh array per call, which costs ten times more than the
 * hash (100 agents of 128 KiB: about 6 ms of copying against 0.5 ms of hashing). Chicory's
 * {@link ByteArrayMemory} keeps one array per 64 KiB page, so for it the pages are read in place (one
 * reflective field read per digest). Any other memory implementation, or a Chicory version without that
 * field, falls back to copying; both paths give identical results ({@code MemoryPagesTest}).
 */
final class MemoryPages {
    private static final byte[] ZERO_PAGE = new byte[Memory.PAGE_SIZE];
    private static final Field PAGES = pagesField();

    private MemoryPages() {
    }

    private static Field pagesField() {
        try {
            Field f = ByteArrayMemory.class.getDeclaredField("pages");
            if (f.getType() != byte[][].class) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether pages are read in place (false: through copies). */
    static boolean inPlace(Memory memory) {
        return direct(memory) != null;
    }

    private static byte[][] direct(Memory memory) {
        if (memory instanceof DirtyPageMemory tracked) {
            memory = tracked.delegate();
        }
        if (PAGES == null || memory.getClass() != ByteArrayMemory.class) {
            return null;
        }
        try {
            return (byte[][]) PAGES.get(memory);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /**
     * CRC32C over the whole memory, page by page; for a {@link DirtyPageMemory} only the pages written since
     * its previous digest are hashed again.
     */
    static int crc32c(Memory memory) {
        if (memory instanceof DirtyPageMemory tracked) {
            return tracked.crc32c(direct(memory));
        }
        return crc32c(memory, direct(memory));
    }

    /** The copying path, for tests that compare both. */
    static int crc32cByCopy(Memory memory) {
        return crc32c(memory, null);
    }

    private static int crc32c(Memory memory, byte[][] pages) {
        CRC32C crc = new CRC32C();
        int count = memory.pages();
        for (int p = 0; p < count; p++) {
            crc.update(page(memory, pages, p));
        }
        return (int) crc.getValue();
    }

    /** A copy of the whole memory. */
    static byte[] copy(Memory memory) {
        byte[][] pages = direct(memory);
        int count = memory.pages();
        byte[] out = new byte[count * Memory.PAGE_SIZE];
        for (int p = 0; p < count; p++) {
            System.arraycopy(page(memory, pages, p), 0, out, p * Memory.PAGE_SIZE, Memory.PAGE_SIZE);
        }
        return out;
    }

    private static byte[] page(Memory memory, byte[][] pages, int p) {
        if (pages == null) {
            return memory.readBytes(p * Memory.PAGE_SIZE, Memory.PAGE_SIZE);
        }
        return page(pages, p);
    }

    /** Page {@code p} of a {@link ByteArrayMemory}'s page array, read in place (never written). */
    static byte[] page(byte[][] pages, int p) {
        byte[] page = pages[p];
        return page == null ? ZERO_PAGE : page;
    }
}

package io.lockstep.runtime.engine;

import static com.dylibso.chicory.runtime.ConstantEvaluators.computeConstantValue;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import io.lockstep.runtime.wasm.MeteringPass;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * An agent's linear memory: one flat {@code byte[]} that remembers which 64 KiB pages were written since the
 * last digest, so the per-tick memory digest re-hashes only those pages.
 *
 * <p>Chicory's compiled code calls these methods for every load and store, so the hot path is kept to what
 * HotSpot inlines into the agent's code: one bounds-checked array access (a {@link VarHandle} view for
 * multi-byte values) and, for stores, one or two stores into the dirty-page bitmap. Chicory's own
 * {@code ByteArrayMemory} keeps an array per page (an address mask, a page-table load with its own checks and
 * a straddle test per access), and wrapping it to mark pages added a hop; memory access was almost half of a
 * compute-heavy agent's time. The array is exactly as long as the memory, so an access past the end fails the
 * array's own bounds check; growing reallocates it (agents grow rarely and their memory is capped).
 *
 * <p>Observable behaviour is Chicory's {@code ByteArrayMemory}'s, which this replaced: the same results, the
 * same traps (a {@link WasmRuntimeException} worded "out of bounds memory access", never a partial write), the
 * same data-segment initialisation and {@code memory.init}/{@code data.drop} semantics
 * ({@code DirtyPageMemoryParityTest} compares both operation by operation), with one exception: a bulk
 * operation whose range ends past 2^31 traps before writing anything, as the specification says, where Chicory's
 * range check overflowed and it wrote up to the end of memory first. Pages are marked after the write, so a
 * trapping write marks nothing. The digest is the CRC32C of the whole memory, bit for bit: page CRCs are cached
 * and chained with the CRC combination rule ({@link Crc32cCombine}). Shared memories and atomic instructions
 * are refused when a module is loaded, so the wait/notify methods only keep the interface's contract.
 */
final class DirtyPageMemory implements Memory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int PAGE_SHIFT = 16;
    /** Granularity of snapshot runs: small enough to skip what an agent left alone, large enough to merge. */
    static final int RUN_BLOCK = 256;
    private static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    private final MemoryLimits limits;
    private DataSegment[] dataSegments;
    private byte[] bytes;
    /** One flag per page (at least one), as long as the memory; written after every successful store. */
    private boolean[] dirty;
    private int[] pageCrc;
    /**
     * The agent's fuel and depth globals for {@link MeteringGlobals}; found when Chicory initialises the memory,
     * after the globals and before any agent code can run. Null for a module the metering pass did not touch.
     */
    GlobalInstance fuel;
    GlobalInstance depth;

    DirtyPageMemory(MemoryLimits limits) {
        this.limits = limits;
        this.bytes = new byte[limits.initialPages() * PAGE_SIZE];
        this.dirty = new boolean[Math.max(1, limits.initialPages())];
        this.pageCrc = new int[dirty.length];
        Arrays.fill(dirty, true);
    }

    /** CRC32C of the whole memory; re-hashes only the pages written since the previous call. */
    int crc32c() {
        int count = pages();
        int crc = 0;
        for (int p = 0; p < count; p++) {
            if (dirty[p]) {
                CRC32C page = new CRC32C();
                page.update(bytes, p * PAGE_SIZE, PAGE_SIZE);
                pageCrc[p] = (int) page.getValue();
                dirty[p] = false;
            }
            crc = p == 0 ? pageCrc[0] : Crc32cCombine.appendPage(crc, pageCrc[p]);
        }
        return crc;
    }

    /** A copy of the whole memory. */
    byte[] copy() {
        return bytes.clone();
    }

    /** Whether the memory holds exactly {@code image}. */
    boolean sameAs(byte[] image) {
        return Arrays.equals(bytes, image);
    }

    /**
     * The stretches where the memory differs from {@code base} (bytes past its end count as zero), in aligned
     * blocks of {@link #RUN_BLOCK} bytes, adjacent blocks merged: what a snapshot stores of this memory.
     */
    List<MemoryRun> runsDifferingFrom(byte[] base) {
        List<MemoryRun> runs = new ArrayList<>();
        int size = bytes.length;
        int pos = 0;
        while (pos < size) {
            int first = firstDifference(base, pos, size);
            if (first < 0) {
                break;
            }
            int start = first & -RUN_BLOCK;
            int end = Math.min(size, start + RUN_BLOCK);
            while (end < size && firstDifference(base, end, Math.min(size, end + RUN_BLOCK)) >= 0) {
                end = Math.min(size, end + RUN_BLOCK);
            }
            runs.add(new MemoryRun(start, Arrays.copyOfRange(bytes, start, end)));
            pos = end;
        }
        return runs;
    }

    /** The first index in [from, to) where the memory differs from {@code base} (zero past its end), or -1. */
    private int firstDifference(byte[] base, int from, int to) {
        int shared = Math.min(to, base.length);
        if (from < shared) {
            int m = Arrays.mismatch(bytes, from, shared, base, from, shared);
            if (m >= 0) {
                return from + m;
            }
            from = shared;
        }
        for (int p = from; p < to; p += ZERO_PAGE.length) {
            int end = Math.min(to, p + ZERO_PAGE.length);
            int m = Arrays.mismatch(bytes, p, end, ZERO_PAGE, 0, end - p);
            if (m >= 0) {
                return p + m;
            }
        }
        return -1;
    }

    /** Marks every page as written (after a restore or anything that bypassed the tracking). */
    void markAll() {
        Arrays.fill(dirty, true);
    }

    private void markRange(int address, long length) {
        if (length <= 0) {
            return;
        }
        int last = (int) ((Integer.toUnsignedLong(address) + length - 1) >>> PAGE_SHIFT);
        Arrays.fill(dirty, address >>> PAGE_SHIFT, last + 1, true);
    }

    private int sizeInBytes() {
        return bytes.length;
    }

    private static void checkBounds(int addr, int size, int limit, Function<String, ChicoryException> error) {
        // In long arithmetic: Chicory's int sum overflows for a range ending past 2^31, which then passed the
        // check and wrote up to the end of memory before failing; the specification traps before writing.
        if (addr < 0 || size < 0 || (long) addr + size > limit) {
            throw error.apply(outOfBoundsMessage(addr, limit, size));
        }
    }

    private static String outOfBoundsMessage(int addr, int limit, int size) {
        return "out of bounds memory access: attempted to access address: " + addr + " but limit is: " + limit
                + " and size: " + size;
    }

    /** The trap for a failed single access; other exceptions pass unchanged, as in Chicory's memories. */
    private RuntimeException outOfBounds(RuntimeException e, int addr, int size) {
        if (e instanceof IndexOutOfBoundsException) {
            return new WasmRuntimeException(outOfBoundsMessage(addr, sizeInBytes(), size));
        }
        return e;
    }

    @Override
    public int pages() {
        return bytes.length >>> PAGE_SHIFT;
    }

    @Override
    public int grow(int size) {
        int prevPages = pages();
        int numPages = prevPages + size;
        if (numPages > maximumPages() || numPages < prevPages) {
            return -1;
        }
        bytes = Arrays.copyOf(bytes, numPages * PAGE_SIZE);
        if (numPages > dirty.length) {
            int old = dirty.length;
            dirty = Arrays.copyOf(dirty, numPages);
            pageCrc = Arrays.copyOf(pageCrc, numPages);
            Arrays.fill(dirty, old, numPages, true);
        }
        return prevPages;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return limits.shared();
    }

    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return 0;
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        this.dataSegments = dataSegments;
        this.fuel = exportedGlobal(instance, MeteringPass.FUEL_EXPORT);
        this.depth = exportedGlobal(instance, MeteringPass.DEPTH_EXPORT);
        if (dataSegments != null) {
            for (DataSegment s : dataSegments) {
                if (s instanceof ActiveDataSegment segment) {
                    if (segment.index() != memoryIndex) {
                        continue;
                    }
                    byte[] data = segment.data();
                    int offset = (int) computeConstantValue(instance, segment.offsetInstructions())[0];
                    checkBounds(offset, data.length, sizeInBytes(), UninstantiableException::new);
                    System.arraycopy(data, 0, bytes, offset, data.length);
                } else if (!(s instanceof PassiveDataSegment)) {
                    throw new ChicoryException("Data segment should be active or passive: " + s);
                }
            }
        }
        markAll();
    }

    private static GlobalInstance exportedGlobal(Instance instance, String name) {
        int index = instance == null ? -1 : AgentCompiler.exportedGlobal(instance.module(), name);
        return index < 0 ? null : instance.global(index);
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int address, byte[] data, int offset, int size) {
        checkBounds(offset, size, data.length, WasmRuntimeException::new);
        checkBounds(address, size, sizeInBytes(), WasmRuntimeException::new);
        System.arraycopy(data, offset, bytes, address, size);
        markRange(address, size);
    }

    @Override
    public byte[] readBytes(int address, int length) {
        checkBounds(address, length, sizeInBytes(), WasmRuntimeException::new);
        return Arrays.copyOfRange(bytes, address, address + length);
    }

    @Override
    public void zero() {
        fill((byte) 0, 0, sizeInBytes());
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        checkBounds(fromIndex, length, sizeInBytes(), WasmRuntimeException::new);
        Arrays.fill(bytes, fromIndex, fromIndex + length, value);
        markRange(fromIndex, length);
    }

    @Override
    public void copy(int dest, int src, int size) {
        int limit = sizeInBytes();
        checkBounds(dest, size, limit, WasmRuntimeException::new);
        checkBounds(src, size, limit, WasmRuntimeException::new);
        System.arraycopy(bytes, src, bytes, dest, size);
        markRange(dest, size);
    }

    // The single accesses below are the hot path. A store marks the page of its first and of its last byte
    // (the same page unless it straddles a boundary); after a successful store both are below pages().

    @Override
    public byte read(int address) {
        try {
            return bytes[address];
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 1);
        }
    }

    @Override
    public short readShort(int address) {
        try {
            return (short) SHORT.get(bytes, address);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 2);
        }
    }

    @Override
    public long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public int readInt(int address) {
        try {
            return (int) INT.get(bytes, address);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 4);
        }
    }

    @Override
    public long readLong(int address) {
        try {
            return (long) LONG.get(bytes, address);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 8);
        }
    }

    @Override
    public float readFloat(int address) {
        try {
            return (float) FLOAT.get(bytes, address);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 4);
        }
    }

    @Override
    public double readDouble(int address) {
        try {
            return (double) DOUBLE.get(bytes, address);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 8);
        }
    }

    @Override
    public long readF32(int address) {
        return readInt(address);
    }

    @Override
    public long readF64(int address) {
        return readLong(address);
    }

    @Override
    public void writeByte(int address, byte value) {
        try {
            bytes[address] = value;
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 1);
        }
        dirty[address >>> PAGE_SHIFT] = true;
    }

    @Override
    public void writeShort(int address, short value) {
        try {
            SHORT.set(bytes, address, value);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 2);
        }
        mark(address, 1);
    }

    @Override
    public void writeI32(int address, int value) {
        try {
            INT.set(bytes, address, value);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 4);
        }
        mark(address, 3);
    }

    @Override
    public void writeLong(int address, long value) {
        try {
            LONG.set(bytes, address, value);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 8);
        }
        mark(address, 7);
    }

    @Override
    public void writeF32(int address, float value) {
        try {
            FLOAT.set(bytes, address, value);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 4);
        }
        mark(address, 3);
    }

    @Override
    public void writeF64(int address, double value) {
        try {
            DOUBLE.set(bytes, address, value);
        } catch (RuntimeException e) {
            throw outOfBounds(e, address, 8);
        }
        mark(address, 7);
    }

    /** Marks the pages of the first and the last byte of a store that succeeded. */
    private void mark(int address, int lastOffset) {
        boolean[] d = dirty;
        d[address >>> PAGE_SHIFT] = true;
        d[(address + lastOffset) >>> PAGE_SHIFT] = true;
    }
}

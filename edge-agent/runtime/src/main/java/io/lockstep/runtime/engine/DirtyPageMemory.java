package io.lockstep.runtime.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * An agent's linear memory that remembers which 64 KiB pages were written since the last digest, so the
 * per-tick memory digest re-hashes only those pages (a survey agent writes a few of its pages per tick; the
 * whole-memory hash was most of a tick's cost).
 *
 * <p>Every write goes through a {@link ByteArrayMemory} and then marks the pages it touched (after the write,
 * so a trapping write marks nothing and never indexes past the memory). The digest is still the CRC32C of
 * the whole memory, bit for bit: each page's CRC is cached and the page CRCs are chained with the CRC
 * combination rule ({@link Crc32cCombine}), so journals written before this class replay unchanged. Reads
 * are passed through untouched. Atomic instructions (the threads proposal) are refused when a module is
 * loaded, so the interface's atomic defaults are never reached.
 */
final class DirtyPageMemory implements Memory {
    private final ByteArrayMemory delegate;
    private boolean[] dirty;
    private int[] pageCrc;

    DirtyPageMemory(MemoryLimits limits) {
        this.delegate = new ByteArrayMemory(limits);
        this.dirty = new boolean[Math.max(1, limits.initialPages())];
        this.pageCrc = new int[dirty.length];
        Arrays.fill(dirty, true);
    }

    /** The memory that holds the bytes. */
    ByteArrayMemory delegate() {
        return delegate;
    }

    /** CRC32C of the whole memory; re-hashes only the pages written since the previous call. */
    int crc32c(byte[][] pages) {
        int count = delegate.pages();
        ensureTracked(count);
        int crc = 0;
        for (int p = 0; p < count; p++) {
            if (dirty[p]) {
                CRC32C page = new CRC32C();
                page.update(pages == null ? delegate.readBytes(p * PAGE_SIZE, PAGE_SIZE) : MemoryPages.page(pages, p));
                pageCrc[p] = (int) page.getValue();
                dirty[p] = false;
            }
            crc = p == 0 ? pageCrc[0] : Crc32cCombine.appendPage(crc, pageCrc[p]);
        }
        return crc;
    }

    /** Marks every page as written (after a restore or anything that bypassed the tracking). */
    void markAll() {
        Arrays.fill(dirty, true);
    }

    private void ensureTracked(int count) {
        if (count > dirty.length) {
            int old = dirty.length;
            dirty = Arrays.copyOf(dirty, count);
            pageCrc = Arrays.copyOf(pageCrc, count);
            Arrays.fill(dirty, old, count, true);
        }
    }

    private void mark(int address) {
        dirty[address >>> 16] = true;
    }

    private void mark(int address, int bytes) {
        dirty[address >>> 16] = true;
        dirty[(address + bytes - 1) >>> 16] = true;
    }

    private void markRange(int address, long bytes) {
        if (bytes <= 0) {
            return;
        }
        int last = (int) ((Integer.toUnsignedLong(address) + bytes - 1) >>> 16);
        Arrays.fill(dirty, address >>> 16, last + 1, true);
    }

    @Override
    public int pages() {
        return delegate.pages();
    }

    @Override
    public int grow(int size) {
        int before = delegate.grow(size);
        ensureTracked(delegate.pages());
        return before;
    }

    @Override
    public int initialPages() {
        return delegate.initialPages();
    }

    @Override
    public int maximumPages() {
        return delegate.maximumPages();
    }

    @Override
    public boolean shared() {
        return delegate.shared();
    }

    @Override
    public Object lock(int address) {
        return delegate.lock(address);
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        return delegate.waitOn(address, expected, timeout);
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        return delegate.waitOn(address, expected, timeout);
    }

    @Override
    public int notify(int address, int maxThreads) {
        return delegate.notify(address, maxThreads);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        delegate.initialize(instance, dataSegments);
        ensureTracked(delegate.pages());
        markAll();
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int start) {
        delegate.initialize(instance, dataSegments, start);
        ensureTracked(delegate.pages());
        markAll();
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        delegate.initPassiveSegment(segmentId, dest, offset, size);
        markRange(dest, size);
    }

    @Override
    public void write(int address, byte[] data, int offset, int size) {
        delegate.write(address, data, offset, size);
        markRange(address, size);
    }

    @Override
    public byte read(int address) {
        return delegate.read(address);
    }

    @Override
    public byte[] readBytes(int address, int length) {
        return delegate.readBytes(address, length);
    }

    @Override
    public void writeI32(int address, int value) {
        delegate.writeI32(address, value);
        mark(address, 4);
    }

    @Override
    public int readInt(int address) {
        return delegate.readInt(address);
    }

    @Override
    public void writeLong(int address, long value) {
        delegate.writeLong(address, value);
        mark(address, 8);
    }

    @Override
    public long readLong(int address) {
        return delegate.readLong(address);
    }

    @Override
    public void writeShort(int address, short value) {
        delegate.writeShort(address, value);
        mark(address, 2);
    }

    @Override
    public short readShort(int address) {
        return delegate.readShort(address);
    }

    @Override
    public long readU16(int address) {
        return delegate.readU16(address);
    }

    @Override
    public void writeByte(int address, byte value) {
        delegate.writeByte(address, value);
        mark(address);
    }

    @Override
    public void writeF32(int address, float value) {
        delegate.writeF32(address, value);
        mark(address, 4);
    }

    @Override
    public long readF32(int address) {
        return delegate.readF32(address);
    }

    @Override
    public float readFloat(int address) {
        return delegate.readFloat(address);
    }

    @Override
    public void writeF64(int address, double value) {
        delegate.writeF64(address, value);
        mark(address, 8);
    }

    @Override
    public double readDouble(int address) {
        return delegate.readDouble(address);
    }

    @Override
    public long readF64(int address) {
        return delegate.readF64(address);
    }

    @Override
    public void zero() {
        delegate.zero();
        markAll();
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        delegate.fill(value, fromIndex, toIndex);
        markRange(fromIndex, (long) toIndex - fromIndex);
    }

    @Override
    public void copy(int dest, int src, int size) {
        delegate.copy(dest, src, size);
        markRange(dest, size);
    }

    @Override
    public void drop(int segment) {
        delegate.drop(segment);
    }
}

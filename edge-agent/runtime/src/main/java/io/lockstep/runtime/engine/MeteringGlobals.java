package io.lockstep.runtime.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;

/**
 * The fuel and call-depth globals as agent code compiled by {@link AgentCompiler} reaches them. Public only
 * because that code lives in Chicory's class loader; nothing else calls it.
 *
 * <p>Chicory's compiled code reads and writes every global through {@code Instance.global(i)}: an
 * imports-count test and several dependent loads, at every loop header and call of a metered function (the
 * metering helpers touch fuel and depth there). The compiled code already holds the agent's memory in a local,
 * and the memory ({@link DirtyPageMemory}) holds the two {@code GlobalInstance}s, so these reads are two loads.
 * They are the same objects {@code Instance.global(i)} returns, so fuel, depth, digests, snapshots and faults
 * see exactly what they saw before.
 *
 * <p>The fuel write is also where compiled agent code notices an abort ({@link MeteringAccessRewriter} removes
 * Chicory's own interruption checks): every function entry and every loop iteration charges fuel, and each
 * time the fuel crosses a multiple of {@value #INTERRUPT_CHECK_FUEL} units the thread's interrupt flag is read.
 * A spinning agent therefore stops within that much fuel of an abort. The check never changes fuel or
 * results; an abort is never part of a tick's result.
 */
public final class MeteringGlobals {
    /** Fuel between two interruption checks, as a power of two. */
    static final int INTERRUPT_CHECK_SHIFT = 16;
    static final long INTERRUPT_CHECK_FUEL = 1L << INTERRUPT_CHECK_SHIFT;

    private MeteringGlobals() {
    }

    public static long fuel(Memory memory) {
        return ((DirtyPageMemory) memory).fuel.getValue();
    }

    public static void fuel(long value, Memory memory) {
        GlobalInstance fuel = ((DirtyPageMemory) memory).fuel;
        // Bits above the shift differ exactly when the charge crossed a multiple of INTERRUPT_CHECK_FUEL (or was
        // larger than that): a compare and a rarely taken branch instead of a volatile read per loop iteration.
        if (((fuel.getValue() ^ value) >>> INTERRUPT_CHECK_SHIFT) != 0) {
            checkInterrupted();
        }
        fuel.setValue(value);
    }

    public static long depth(Memory memory) {
        return ((DirtyPageMemory) memory).depth.getValue();
    }

    public static void depth(long value, Memory memory) {
        ((DirtyPageMemory) memory).depth.setValue(value);
    }

    /** What Chicory's compiled code does at its checks: the interrupt flag stays set for the caller to see. */
    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    }
}

package io.lockstep.runtime.engine;

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
 */
public final class MeteringGlobals {
    private MeteringGlobals() {
    }

    public static long fuel(Memory memory) {
        return ((DirtyPageMemory) memory).fuel.getValue();
    }

    public static void fuel(long value, Memory memory) {
        ((DirtyPageMemory) memory).fuel.setValue(value);
    }

    public static long depth(Memory memory) {
        return ((DirtyPageMemory) memory).depth.getValue();
    }

    public static void depth(long value, Memory memory) {
        ((DirtyPageMemory) memory).depth.setValue(value);
    }
}

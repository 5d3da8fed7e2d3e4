package io.lockstep.runtime;

/**
 * Deterministic execution limits of one mission (docs/agent-abi.md, "Limits and faults"). Immutable;
 * the {@code with*} methods return modified copies.
 *
 * @param fuelPerTick        instruction budget per agent per tick (also for the start function and init)
 * @param maxMemoryPages     linear memory limit per agent, 64 KiB pages
 * @param maxCallDepth       wasm call frames per agent call
 * @param maxModuleBytes     largest accepted module
 * @param snapshotEveryTicks journal snapshot period in ticks (0: never)
 */
public record RuntimeLimits(long fuelPerTick, int maxMemoryPages, int maxCallDepth, int maxModuleBytes,
                            int snapshotEveryTicks) {

    public static final long DEFAULT_FUEL_PER_TICK = 10_000_000L;
    public static final int DEFAULT_MAX_MEMORY_PAGES = 256;
    public static final int DEFAULT_MAX_CALL_DEPTH = 1_000;
    public static final int DEFAULT_MAX_MODULE_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_SNAPSHOT_EVERY = 1_000;
    /**
     * The largest accepted fuel budget per tick, at any tick period: fuel cannot be switched off. A mission's
     * budget must also fit its own tick period ({@link FuelCeiling}).
     */
    public static final long MAX_FUEL_PER_TICK = FuelCeiling.ABSOLUTE_MAX_FUEL_PER_TICK;
    /** The most 64 KiB pages a 32-bit Wasm memory can have. */
    public static final int WASM_MAX_MEMORY_PAGES = 65_536;

    public RuntimeLimits {
        if (fuelPerTick < 1 || fuelPerTick > MAX_FUEL_PER_TICK) {
            throw new IllegalArgumentException("fuelPerTick must be 1.." + MAX_FUEL_PER_TICK + ": " + fuelPerTick);
        }
        if (maxMemoryPages < 1 || maxMemoryPages > WASM_MAX_MEMORY_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be 1.." + WASM_MAX_MEMORY_PAGES + ": "
                    + maxMemoryPages);
        }
        if (maxCallDepth < 1 || maxCallDepth > 100_000) {
            throw new IllegalArgumentException("maxCallDepth must be 1..100000: " + maxCallDepth);
        }
        if (maxModuleBytes < 8) {
            throw new IllegalArgumentException("maxModuleBytes too small: " + maxModuleBytes);
        }
        if (snapshotEveryTicks < 0) {
            throw new IllegalArgumentException("snapshotEveryTicks must be >= 0: " + snapshotEveryTicks);
        }
    }

    /** The ABI defaults: 10,000,000 fuel, 256 pages, 1,000 frames, 16 MiB modules, snapshot every 1,000 ticks. */
    public static RuntimeLimits defaults() {
        return new RuntimeLimits(DEFAULT_FUEL_PER_TICK, DEFAULT_MAX_MEMORY_PAGES, DEFAULT_MAX_CALL_DEPTH,
                DEFAULT_MAX_MODULE_BYTES, DEFAULT_SNAPSHOT_EVERY);
    }

    public RuntimeLimits withFuelPerTick(long fuel) {
        return new RuntimeLimits(fuel, maxMemoryPages, maxCallDepth, maxModuleBytes, snapshotEveryTicks);
    }

    public RuntimeLimits withMaxMemoryPages(int pages) {
        return new RuntimeLimits(fuelPerTick, pages, maxCallDepth, maxModuleBytes, snapshotEveryTicks);
    }

    public RuntimeLimits withMaxCallDepth(int depth) {
        return new RuntimeLimits(fuelPerTick, maxMemoryPages, depth, maxModuleBytes, snapshotEveryTicks);
    }

    public RuntimeLimits withMaxModuleBytes(int bytes) {
        return new RuntimeLimits(fuelPerTick, maxMemoryPages, maxCallDepth, bytes, snapshotEveryTicks);
    }

    public RuntimeLimits withSnapshotEveryTicks(int ticks) {
        return new RuntimeLimits(fuelPerTick, maxMemoryPages, maxCallDepth, maxModuleBytes, ticks);
    }
}

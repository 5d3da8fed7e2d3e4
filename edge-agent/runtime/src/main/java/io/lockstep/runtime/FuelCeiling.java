package io.lockstep.runtime;

import java.util.Optional;

/**
 * The hard stop of every tick: the most fuel a mission may give its agents per tick, tied to the tick period
 * so that no configuration can turn fuel off. Fuel is an upper bound on the instructions an agent executes
 * (docs/determinism.md, "The metering pass"); at most {@link #FUEL_PER_TICK_MS} per millisecond of period
 * keeps an agent that burns its whole budget within a few periods in compiled mode. C2 checks it at mission
 * creation and the node again when it accepts an assignment; {@link RuntimeLimits} refuses anything above the
 * ceiling of the longest period, so even a journal or a direct caller cannot ask for more.
 */
public final class FuelCeiling {
    /** Longest tick period a node accepts: slower than 1 Hz is not a control loop. */
    public static final int MAX_TICK_PERIOD_MS = 1_000;
    /** Node default tick period (a mission with tick_period_ms 0 runs at it unless the node is configured otherwise). */
    public static final int DEFAULT_TICK_PERIOD_MS = 20;
    /** Fuel allowed per millisecond of tick period (2.5 billion instructions per second). */
    public static final long FUEL_PER_TICK_MS = 2_500_000L;
    /** The ceiling at the longest period: the largest fuel budget {@link RuntimeLimits} accepts at all. */
    public static final long ABSOLUTE_MAX_FUEL_PER_TICK = FUEL_PER_TICK_MS * MAX_TICK_PERIOD_MS;

    private FuelCeiling() {
    }

    /** The most fuel per tick for this tick period (1..{@link #MAX_TICK_PERIOD_MS} ms). */
    public static long forTickPeriod(long tickPeriodMs) {
        if (tickPeriodMs < 1 || tickPeriodMs > MAX_TICK_PERIOD_MS) {
            throw new IllegalArgumentException("tick period must be 1.." + MAX_TICK_PERIOD_MS + " ms, got "
                    + tickPeriodMs);
        }
        return FUEL_PER_TICK_MS * tickPeriodMs;
    }

    /** Why {@code fuelPerTick} is too much for the period, or empty when it fits. */
    public static Optional<String> problem(long fuelPerTick, long tickPeriodMs) {
        long max = forTickPeriod(tickPeriodMs);
        if (fuelPerTick > max) {
            return Optional.of("fuel per tick " + fuelPerTick + " is over the ceiling of " + max + " for a "
                    + tickPeriodMs + " ms tick period (" + FUEL_PER_TICK_MS + " per millisecond)");
        }
        return Optional.empty();
    }
}

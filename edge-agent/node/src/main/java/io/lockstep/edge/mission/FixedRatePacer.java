package io.lockstep.edge.mission;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Paces a loop at a fixed period on the monotonic clock. A slot that starts more than a whole
 * period late is an overrun: the missed slots are skipped rather than run back to back, so a stall
 * never turns into a burst of catch-up ticks.
 */
final class FixedRatePacer {

    private final long periodNanos;
    private final LongSupplier nanoClock;
    private long next;
    private long overruns;

    FixedRatePacer(long periodNanos, LongSupplier nanoClock) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.periodNanos = periodNanos;
        this.nanoClock = nanoClock;
        this.next = nanoClock.getAsLong();
    }

    /** Waits for the next slot; returns false, without waiting further, once {@code stop} holds. */
    boolean awaitNextSlot(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            long now = nanoClock.getAsLong();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            next += periodNanos;
            if (now - next > periodNanos) {
                overruns++;
                next = now + periodNanos;
            }
            return true;
        }
        return false;
    }

    long overruns() {
        return overruns;
    }
}

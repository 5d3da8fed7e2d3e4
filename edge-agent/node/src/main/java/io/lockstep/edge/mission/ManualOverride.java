package io.lockstep.edge.mission;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A manual velocity from the debug port that replaces the agents' request until it times out (then the
 * agents drive again). The safety supervisor still sits between it and the vehicle.
 */
public final class ManualOverride {

    /** The longest override one request may set; a forgotten override must not drive for long. */
    public static final long MAX_DURATION_MS = 60_000;

    /** An override in effect until {@code untilMillis} (node clock). */
    public record Active(double vx, double vy, long untilMillis) {
    }

    private final LongSupplier clockMillis;
    private Active active;

    ManualOverride(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** @throws IllegalArgumentException for a non-finite velocity or a duration outside 1..MAX_DURATION_MS */
    synchronized Active set(double vx, double vy, long durationMs) {
        if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
            throw new IllegalArgumentException("vx and vy must be finite numbers");
        }
        if (durationMs < 1 || durationMs > MAX_DURATION_MS) {
            throw new IllegalArgumentException("durationMs must be 1.." + MAX_DURATION_MS + ", got " + durationMs);
        }
        active = new Active(vx, vy, clockMillis.getAsLong() + durationMs);
        return active;
    }

    /** Ends the override now; whether one was in effect. */
    synchronized boolean cancel() {
        boolean was = active != null;
        active = null;
        return was;
    }

    /** The override in effect now, if any (without expiring it; see {@link #expireIfDue}). */
    synchronized Optional<Active> current() {
        return Optional.ofNullable(active).filter(a -> clockMillis.getAsLong() < a.untilMillis());
    }

    /** Forgets a timed-out override; whether one just timed out. */
    synchronized boolean expireIfDue() {
        if (active != null && clockMillis.getAsLong() >= active.untilMillis()) {
            active = null;
            return true;
        }
        return false;
    }
}

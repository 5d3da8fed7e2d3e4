package io.lockstep.platform.safety;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The dead-man's switch: the tick loop {@link #kick kicks} it every tick; a timer on its own thread checks
 * once per tick period and, when no kick came for more than {@code maxMissedPeriods} periods, tells the
 * supervisor, which stops the vehicle. It fires once per stall; the next kick re-arms it (the loop is alive
 * again and its fresh commands pass through the supervisor as usual).
 *
 * <p>It is armed by the first kick, so it does not fire before the loop starts; {@link #disarm()} it when the
 * loop stops on purpose (mission finished), and {@link #close()} it to stop its thread.
 */
public final class DeadmanWatchdog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DeadmanWatchdog.class.getName());

    private final SafetySupervisor supervisor;
    private final long periodNanos;
    private final int maxMissedPeriods;
    private final LongSupplier nanoClock;
    private ScheduledExecutorService timer;

    private boolean armed;
    private boolean tripped;
    private long lastKickNanos;
    private long lastKickTick;

    /**
     * @param supervisor told when the loop stalls
     * @param tickPeriod the tick loop's period
     * @param maxMissedPeriods how many whole periods without a kick are tolerated
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
     */
    public DeadmanWatchdog(SafetySupervisor supervisor, Duration tickPeriod, int maxMissedPeriods,
            LongSupplier nanoClock) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        if (tickPeriod.isNegative() || tickPeriod.isZero()) {
            throw new IllegalArgumentException("tick period must be positive, got " + tickPeriod);
        }
        if (maxMissedPeriods < 1) {
            throw new IllegalArgumentException("maxMissedPeriods must be >= 1, got " + maxMissedPeriods);
        }
        this.periodNanos = tickPeriod.toNanos();
        this.maxMissedPeriods = maxMissedPeriods;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** A watchdog on the system's monotonic clock. */
    public DeadmanWatchdog(SafetySupervisor supervisor, Duration tickPeriod, int maxMissedPeriods) {
        this(supervisor, tickPeriod, maxMissedPeriods, System::nanoTime);
    }

    /** Starts the checking thread (a daemon named {@code lockstep-deadman}). */
    public synchronized DeadmanWatchdog start() {
        if (timer != null) {
            throw new IllegalStateException("watchdog already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lockstep-deadman");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::checkFromTimer, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /** Called by the tick loop once per tick: the loop is alive. */
    public synchronized void kick(long tick) {
        armed = true;
        tripped = false;
        lastKickNanos = nanoClock.getAsLong();
        lastKickTick = tick;
    }

    /** Stops watching until the next kick (the loop stopped on purpose). */
    public synchronized void disarm() {
        armed = false;
    }

    /**
     * One check, as the timer thread runs it: trips the switch when the loop has been silent too long.
     *
     * @return whether this check tripped it
     */
    public boolean check() {
        String detail;
        synchronized (this) {
            long silentNanos = nanoClock.getAsLong() - lastKickNanos;
            if (!armed || tripped || silentNanos <= maxMissedPeriods * periodNanos) {
                return false;
            }
            tripped = true;
            detail = String.format(Locale.ROOT,
                    "tick loop silent for %.1f ms after tick %d (limit %d periods of %.1f ms)",
                    silentNanos / 1e6, lastKickTick, maxMissedPeriods, periodNanos / 1e6);
        }
        supervisor.deadmanTripped(detail);
        return true;
    }

    private void checkFromTimer() {
        try {
            check();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task silently and leave the vehicle unwatched.
            LOG.log(System.Logger.Level.ERROR, "dead-man check failed; watchdog keeps running", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

package io.lockstep.edge.os;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps each Zenoh transport's reader thread in the real-time round-robin class while its peer's traffic stays within
 * a CPU budget, and in the normal class (at the mesh's nice value) while it does not.
 *
 * <p>Why: on a busy machine, what is left of an e-stop's or a hazard's way between two nodes is the receiving reader
 * waiting for a core behind the agents, ticks and JIT compilers (docs/hazards.md, "Scheduling"); a real-time reader
 * runs as soon as its message arrives. But what a reader runs comes from the network: a peer flooding it would make
 * a plain real-time reader take a whole core from the tick loop. So each reader counts the CPU it uses: past
 * {@link #BUDGET_NANOS} in a {@link #WINDOW_NANOS} window (10 % of a core) it goes back to the normal class, where
 * the nice value only gives it a larger share; after a window in which it used under a quarter of that rate it is
 * real-time again. A flood therefore costs the other threads at most the budget (plus the moment the class change
 * takes), and a quiet link, which is every link between vehicles but a hostile one, is read at real-time priority.
 *
 * <p>The reader calls {@link #handled()} after each message (the Zenoh transport's reader hook): no thread of its own
 * and no timer. A reader reads its CPU clock at most every {@link #CHECK_EVERY_NANOS}, so a flood does not pay for the
 * accounting on every message. The class changes themselves are made by {@link ThreadNice}'s background thread.
 */
public final class RealTimeReaders {
    /** The window over which a reader's CPU time is counted. */
    static final long WINDOW_NANOS = 100_000_000L;
    /** CPU time a reader may use in one window and stay real-time: a tenth of a core. */
    static final long BUDGET_NANOS = 10_000_000L;
    /** How often a reader reads its CPU clock (a system call) while it handles messages. */
    static final long CHECK_EVERY_NANOS = 1_000_000L;

    /** Whether the real-time class may be asked for here; {@link ThreadNice#realTimeEnabled()} outside tests. */
    private final BooleanSupplier enabled;
    /** Puts a thread (its id) in the real-time class, or back in the normal one; {@link ThreadNice} outside tests. */
    private final Consumer<String> toRealTime;
    private final Consumer<String> toNormal;
    private final LongSupplier nanoTime;
    private final LongSupplier threadCpuNanos;
    private final Supplier<Optional<String>> threadId;
    private final ThreadLocal<Reader> readers = new ThreadLocal<>();
    private final AtomicLong demotions = new AtomicLong();

    RealTimeReaders(BooleanSupplier enabled, Consumer<String> toRealTime, Consumer<String> toNormal,
            LongSupplier nanoTime, LongSupplier threadCpuNanos, Supplier<Optional<String>> threadId) {
        this.enabled = enabled;
        this.toRealTime = toRealTime;
        this.toNormal = toNormal;
        this.nanoTime = nanoTime;
        this.threadCpuNanos = threadCpuNanos;
        this.threadId = threadId;
    }

    /**
     * Readers put in the real-time class by {@code priority} (nothing happens where it has no real-time class), each
     * kept within its budget by {@code threadCpuNanos}, the calling thread's CPU clock (-1 where there is none).
     */
    public static RealTimeReaders of(ThreadNice priority, LongSupplier threadCpuNanos) {
        return new RealTimeReaders(priority::realTimeEnabled, priority::toRealTimeLater, priority::toNormalLater,
                System::nanoTime, threadCpuNanos, ThreadNice::currentThreadId);
    }

    /** Whether readers are put in the real-time class here at all. */
    public boolean enabled() {
        return enabled.getAsBoolean();
    }

    /**
     * On a reader thread, after each message it handled: the first call makes it real-time, later ones keep it
     * within its budget. Never throws.
     */
    public void handled() {
        Reader reader = readers.get();
        if (reader == null) {
            readers.set(start());
            return;
        }
        if (reader.tid == null) {
            return; // not a thread this can raise (not Linux, no real-time class here)
        }
        long now = nanoTime.getAsLong();
        if (now - reader.lastCheck < CHECK_EVERY_NANOS) {
            return;
        }
        reader.lastCheck = now;
        long cpu = threadCpuNanos.getAsLong();
        long used = cpu - reader.windowCpu;
        long elapsed = now - reader.windowStart;
        if (reader.realTime && used > BUDGET_NANOS) {
            reader.realTime = false;
            demotions.incrementAndGet();
            toNormal.accept(reader.tid);
            reader.startWindow(now, cpu);
        } else if (elapsed >= WINDOW_NANOS) {
            // A quiet window (or a long idle gap, which counts as the time it was) earns the real-time class back.
            if (!reader.realTime && used * 4 * WINDOW_NANOS < BUDGET_NANOS * elapsed) {
                reader.realTime = true;
                toRealTime.accept(reader.tid);
            }
            reader.startWindow(now, cpu);
        }
    }

    /** How many times a reader went over its budget and back to the normal class. */
    public long demotions() {
        return demotions.get();
    }

    private Reader start() {
        if (!enabled.getAsBoolean()) {
            return new Reader(null, 0, 0);
        }
        Optional<String> tid = threadId.get();
        long cpu;
        try {
            cpu = threadCpuNanos.getAsLong();
        } catch (UnsupportedOperationException e) {
            cpu = -1;
        }
        if (tid.isEmpty() || cpu < 0) {
            return new Reader(null, 0, 0); // no thread id, or no CPU clock to keep it within budget: never real-time
        }
        toRealTime.accept(tid.get());
        return new Reader(tid.get(), nanoTime.getAsLong(), cpu);
    }

    /** One reader thread's account; only that thread touches it. */
    private static final class Reader {
        final String tid;
        boolean realTime = true;
        long windowStart;
        long windowCpu;
        long lastCheck;

        Reader(String tid, long now, long cpu) {
            this.tid = tid;
            this.windowStart = now;
            this.windowCpu = cpu;
            this.lastCheck = now;
        }

        /** A new window from {@code now}, when the thread's CPU clock read {@code cpu}. */
        void startWindow(long now, long cpu) {
            windowStart = now;
            windowCpu = cpu;
        }
    }
}

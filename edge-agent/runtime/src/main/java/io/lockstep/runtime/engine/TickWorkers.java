package io.lockstep.runtime.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the independent jobs of one tick (one per agent, or a chain of agents that must keep their order) on
 * the calling thread plus {@code count - 1} helper threads. Agents share no memory and messages move only at
 * tick boundaries, so which thread runs which job, and when, cannot change any result: every job writes only
 * its own agent's state, and the engine merges the outputs afterwards in the canonical (mission) order.
 *
 * <p>Helpers get the same large stack as the agent thread, so the injected call-depth limit trips at the same
 * depth on every thread. When a job throws, the exception of the lowest-numbered job is rethrown, whatever
 * the timing; with one worker everything runs on the calling thread, in order, as before.
 */
final class TickWorkers implements AutoCloseable {
    private final int count;
    private final ExecutorService helpers;
    private final Set<Thread> helperThreads = ConcurrentHashMap.newKeySet();

    /**
     * @param count      worker threads in all, the calling thread included (at least 1)
     * @param stackBytes stack size of each helper thread
     */
    TickWorkers(String name, int count, long stackBytes) {
        if (count < 1) {
            throw new IllegalArgumentException("worker count must be at least 1, got " + count);
        }
        this.count = count;
        AtomicInteger serial = new AtomicInteger();
        this.helpers = count == 1 ? null : Executors.newFixedThreadPool(count - 1, r -> {
            Thread t = new Thread(null, r, name + "-" + serial.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            helperThreads.add(t);
            return t;
        });
    }

    /** The default worker count: every processor the JVM may use. */
    static int defaultCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    int count() {
        return count;
    }

    /**
     * Runs {@code job} once for every number in [0, count) and returns when all have finished; their effects
     * are then visible to the caller. Numbers are claimed in ascending order.
     */
    void runAll(int count, IntConsumer job) {
        int threads = Math.min(this.count, count);
        if (threads <= 1) {
            for (int i = 0; i < count; i++) {
                job.accept(i);
            }
            return;
        }
        TickBatch batch = new TickBatch(count, job);
        for (int t = 1; t < threads; t++) {
            helpers.execute(batch::drain);
        }
        batch.drain();
        // Waits for the jobs, not for the helpers: a helper the OS has not scheduled yet finds nothing left
        // to do when it runs, and the tick does not wait for it (on a busy machine that is most of the gain).
        batch.awaitAndRethrow();
    }

    /** Interrupts every helper thread: agent code running there unwinds (an abort of the mission run). */
    void interruptHelpers() {
        for (Thread t : helperThreads) {
            t.interrupt();
        }
    }

    /** Stops the helpers, waiting (bounded) until agent code on them has unwound, so no thread is left behind. */
    @Override
    public void close() {
        if (helpers == null) {
            return;
        }
        helpers.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || helpers.awaitTermination(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

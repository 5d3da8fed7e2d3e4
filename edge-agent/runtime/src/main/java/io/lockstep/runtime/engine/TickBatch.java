package io.lockstep.runtime.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The jobs of one {@link TickWorkers#runAll} call: threads claim job numbers one at a time and record what
 * each job threw. The thread that waits for the batch spins briefly before it parks: the last jobs of a tick
 * usually end within microseconds, and a parked thread needs the OS to give it a core again, which on a busy
 * machine is what makes a tick late.
 */
final class TickBatch {
    /** How long the waiting thread spins before parking; a few agents' worth of work. */
    private static final long SPIN_NANOS = 50_000;

    private final IntConsumer job;
    private final int count;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger unfinished;
    private final RuntimeException[] failures;
    private final Error[] errors;
    private volatile Thread waiter;

    TickBatch(int count, IntConsumer job) {
        this.job = job;
        this.count = count;
        this.unfinished = new AtomicInteger(count);
        this.failures = new RuntimeException[count];
        this.errors = new Error[count];
    }

    /** Runs unclaimed jobs until none is left. */
    void drain() {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            try {
                job.accept(i);
            } catch (RuntimeException e) {
                failures[i] = e;
            } catch (Error e) {
                errors[i] = e;
            } finally {
                if (unfinished.decrementAndGet() == 0) {
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }
    }

    /**
     * Waits until every job has finished (uninterruptibly: a tick is never abandoned half-way; an interrupt is
     * kept for the caller), then rethrows what the lowest-numbered failing job threw.
     */
    void awaitAndRethrow() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (unfinished.get() > 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        if (unfinished.get() > 0) {
            waiter = Thread.currentThread();
            boolean interrupted = false;
            while (unfinished.get() > 0) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < count; i++) {
            if (errors[i] != null) {
                throw errors[i];
            }
            if (failures[i] != null) {
                throw failures[i];
            }
        }
    }
}

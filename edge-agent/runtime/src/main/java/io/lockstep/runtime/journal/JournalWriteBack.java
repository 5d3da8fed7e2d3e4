package io.lockstep.runtime.journal;

import java.io.IOException;

/**
 * Runs a journal's background work on its own thread when asked: taking the page faults ahead of the writer
 * and forcing what was written to the device ({@link JournalWriter}), so the data written between durability
 * points reaches the disk while the mission ticks and a {@link JournalWriter#sync()} (at a snapshot) waits
 * only for what was written since. It adds no durability point and removes none: a sync still forces the
 * file itself and returns only when everything is on the device.
 *
 * <p>Background work that fails is reported by the next sync: the kernel reports a failed write-back to one
 * force only, and it must not be lost. The thread is never interrupted (an interrupt closes a
 * {@link java.nio.channels.FileChannel}); {@link #close()} waits for work in progress.
 */
final class JournalWriteBack implements AutoCloseable {
    /** The background work: one round of it per request. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    private final Work work;
    private final String name;
    private Thread thread;
    private boolean requested;
    private boolean closed;
    private IOException failure;

    JournalWriteBack(Work work, String name) {
        this.work = work;
        this.name = name;
    }

    /** Asks for a round of work soon; returns at once (a request while one is pending is merged into it). */
    synchronized void request() {
        if (closed) {
            return;
        }
        requested = true;
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    /** The failure of background work since the last call, or null; clears it. */
    synchronized IOException takeFailure() {
        IOException f = failure;
        failure = null;
        return f;
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!requested && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // Nobody interrupts this thread; a stray interrupt must not end the loop early.
                    }
                }
                if (closed) {
                    return;
                }
                requested = false;
            }
            try {
                work.run();
            } catch (IOException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }

    /** Stops the thread after work in progress (requests not yet started are dropped: close syncs). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

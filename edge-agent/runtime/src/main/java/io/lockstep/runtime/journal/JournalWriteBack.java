package io.lockstep.runtime.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Forces a journal's file to the device on a background thread when asked, so the data written between
 * durability points reaches the disk while the mission ticks and a {@link JournalWriter#sync()} (at a snapshot)
 * waits only for what was written since. It adds no durability point and removes none: a sync still forces
 * the file itself and returns only when everything is on the device.
 *
 * <p>A background force that fails is reported by the next sync: the kernel reports a failed write-back to
 * one force only, and it must not be lost. The thread is never interrupted (an interrupt closes a
 * {@link FileChannel}); {@link #close()} waits for a force in progress.
 */
final class JournalWriteBack implements AutoCloseable {
    private final FileChannel channel;
    private final String name;
    private Thread thread;
    private boolean requested;
    private boolean closed;
    private IOException failure;

    JournalWriteBack(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    /** Asks for a force soon; returns at once (a request while one is pending is merged into it). */
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

    /** The failure of a background force since the last call, or null; clears it. */
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
                channel.force(false);
            } catch (IOException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }

    /** Stops the thread after a force in progress (requests not yet started are dropped: close syncs). */
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

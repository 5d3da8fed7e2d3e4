package io.lockstep.edge.safety;

import io.lockstep.edge.os.ThreadNice;
import io.opentelemetry.context.Context;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads of real-time priority that run the urgent actions: an operator's e-stop and hazard marked on the
 * debug port, and C2's fleet-wide stop. They arrive on an HTTP or gRPC thread of normal priority, which on a busy
 * machine can wait tens of milliseconds for a core between two socket writes; handed to one of these threads, the
 * stop or hazard is put on the mesh at once. These threads are in the round-robin real-time class where the node may
 * (they only run what callers hand them, one action at a time, so nothing from the network can keep them busy), and at
 * the mesh threads' nice value elsewhere ({@link ThreadNice#raiseCurrentThreadToRealTimeLater()}). The caller waits
 * for the result. There are
 * {@link #THREADS}, all started (and raised) at once, so one action stuck on a peer that stopped reading (a put with
 * BLOCK congestion waits until the peer's lease ends) does not hold up the next e-stop.
 */
public final class SafetyThreads implements AutoCloseable {
    static final int THREADS = 4;

    private final ThreadPoolExecutor thread;

    public SafetyThreads(String nodeId, ThreadNice priority) {
        AtomicInteger n = new AtomicInteger();
        this.thread = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(() -> {
                priority.raiseCurrentThreadToRealTimeLater(); // batched with the mesh threads: no process start here
                r.run();
            }, "safety-" + nodeId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        thread.prestartAllCoreThreads(); // raised at start, not on the first e-stop
    }

    /** Runs {@code action} on a safety thread and returns its result; its exceptions reach the caller as thrown. */
    public <T> T call(Supplier<T> action) {
        // The caller's trace context goes along, so the e-stop's and hazard's spans stay in the caller's trace.
        Future<T> result = thread.submit(Context.current().wrap(action::get));
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a safety thread ran an urgent action", e);
        }
    }

    /** As {@link #call(Supplier)}, for an action without a result. */
    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

package io.lockstep.runtime.engine;

import io.lockstep.runtime.MissionAbortedException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The thread agent code runs on. Chicory's interpreter recurses on the JVM stack for every Wasm call, so the
 * injected call-depth limit can only trip first if the thread's stack is large; this thread's is sized for
 * the limit. The caller waits uninterruptibly, so a tick is never abandoned half-way, except by
 * {@link #abort}: it interrupts the agent code (the interpreter checks the interrupt at calls and loop headers,
 * compiled code whenever its fuel crosses a multiple of {@link MeteringGlobals#INTERRUPT_CHECK_FUEL}), the tick ends with {@link MissionAbortedException} and every later call is refused.
 */
final class AgentThread implements AutoCloseable {
    /** JVM stack reserved per allowed Wasm frame (interpreter frames are several KiB). */
    private static final long STACK_BYTES_PER_FRAME = 32 * 1024;
    private static final long MIN_STACK_BYTES = 64L * 1024 * 1024;
    /** How long {@link #close} waits for agent code to notice the interrupt and unwind. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ExecutorService executor;
    private volatile Thread worker;
    private volatile boolean aborted;

    AgentThread(String name, int maxCallDepth) {
        long stack = stackBytes(maxCallDepth);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, name, stack);
            t.setDaemon(true);
            worker = t;
            return t;
        });
    }

    /** The stack size of a thread that runs agent code under this call-depth limit. */
    static long stackBytes(int maxCallDepth) {
        return Math.max(MIN_STACK_BYTES, STACK_BYTES_PER_FRAME * maxCallDepth);
    }

    <T> T run(Callable<T> work) {
        checkNotAborted();
        Future<T> future = executor.submit(() -> {
            checkNotAborted();
            return work.call();
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("agent thread failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throws when {@link #abort} was called; agent code checks it between agents. */
    void checkNotAborted() {
        if (aborted) {
            throw new MissionAbortedException("the mission run was aborted");
        }
    }

    /**
     * Ends the running call, if any, from any thread: the agent code is interrupted and unwinds, the waiting
     * {@link #run} throws {@link MissionAbortedException}, and so does every later call.
     */
    void abort() {
        aborted = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Stops the thread, waiting (bounded) until agent code has unwound, so no thread is left behind. */
    @Override
    public void close() {
        executor.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        while (true) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
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

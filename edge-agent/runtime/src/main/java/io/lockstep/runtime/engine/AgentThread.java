package io.lockstep.runtime.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread agent code runs on. Chicory's interpreter recurses on the JVM stack for every Wasm call, so the
 * injected call-depth limit can only trip first if the thread's stack is large; this thread's is sized for
 * the limit. The caller waits uninterruptibly, so a tick is never abandoned half-way.
 */
final class AgentThread implements AutoCloseable {
    /** JVM stack reserved per allowed Wasm frame (interpreter frames are several KiB). */
    private static final long STACK_BYTES_PER_FRAME = 32 * 1024;
    private static final long MIN_STACK_BYTES = 64L * 1024 * 1024;

    private final ExecutorService executor;

    AgentThread(String name, int maxCallDepth) {
        long stack = stackBytes(maxCallDepth);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, name, stack);
            t.setDaemon(true);
            return t;
        });
    }

    /** The stack size of a thread that runs agent code under this call-depth limit. */
    static long stackBytes(int maxCallDepth) {
        return Math.max(MIN_STACK_BYTES, STACK_BYTES_PER_FRAME * maxCallDepth);
    }

    <T> T run(Callable<T> work) {
        Future<T> future = executor.submit(work);
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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

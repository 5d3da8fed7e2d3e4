package io.lockstep.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a caller end a mission run from another thread before the runtime exists, e.g. while a hostile
 * {@code lockstep_init} spins during {@link MissionRuntime.Builder#build()}: the builder attaches the runtime
 * being built, so an abort reaches init as well as every later tick ({@link MissionRuntime#abort()}).
 */
public final class AbortSignal {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean aborted;

    /** Aborts everything attached now or later. Idempotent. */
    public void abort() {
        List<Runnable> toRun;
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean aborted() {
        return aborted;
    }

    /** Runs {@code action} on abort, or at once when already aborted. */
    public void onAbort(Runnable action) {
        synchronized (this) {
            if (!aborted) {
                listeners.add(action);
                return;
            }
        }
        action.run();
    }
}

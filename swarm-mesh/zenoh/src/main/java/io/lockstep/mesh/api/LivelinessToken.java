package io.lockstep.mesh.api;

/** A liveliness token: alive while open; closing it (or losing the session) makes it disappear for everyone. */
public final class LivelinessToken implements AutoCloseable {
    private final Runnable undeclare;
    private final String keyExpr;
    private boolean closed;

    LivelinessToken(String keyExpr, Runnable undeclare) {
        this.keyExpr = keyExpr;
        this.undeclare = undeclare;
    }

    public String keyExpr() {
        return keyExpr;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            undeclare.run();
        }
    }
}

package io.lockstep.mesh.api;

/** A declared subscriber; closing it undeclares it everywhere. */
public final class Subscriber implements AutoCloseable {
    private final Runnable undeclare;
    private final String keyExpr;
    private boolean closed;

    Subscriber(String keyExpr, Runnable undeclare) {
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

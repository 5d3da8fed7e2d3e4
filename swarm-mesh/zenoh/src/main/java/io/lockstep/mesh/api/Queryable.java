package io.lockstep.mesh.api;

/** A declared queryable; closing it undeclares it everywhere. */
public final class Queryable implements AutoCloseable {
    private final Runnable undeclare;
    private final String keyExpr;
    private boolean closed;

    Queryable(String keyExpr, Runnable undeclare) {
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

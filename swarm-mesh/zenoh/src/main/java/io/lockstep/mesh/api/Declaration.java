package io.lockstep.mesh.api;

/**
 * Something a session declared on a key expression (a subscriber, a queryable, a liveliness token).
 * Closing it undeclares it everywhere, once; closing again does nothing.
 */
public abstract class Declaration implements AutoCloseable {
    private final Runnable undeclare;
    private final String keyExpr;
    private boolean closed;

    Declaration(String keyExpr, Runnable undeclare) {
        this.keyExpr = keyExpr;
        this.undeclare = undeclare;
    }

    public final String keyExpr() {
        return keyExpr;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            undeclare.run();
        }
    }
}

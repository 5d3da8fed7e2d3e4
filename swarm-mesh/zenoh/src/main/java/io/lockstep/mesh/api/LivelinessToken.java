package io.lockstep.mesh.api;

/** A liveliness token: alive while open; closing it (or losing the session) makes it disappear for everyone. */
public final class LivelinessToken extends Declaration {
    LivelinessToken(String keyExpr, Runnable undeclare) {
        super(keyExpr, undeclare);
    }
}

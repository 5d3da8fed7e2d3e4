package io.lockstep.mesh.api;

/** A declared subscriber; closing it undeclares it everywhere. */
public final class Subscriber extends Declaration {
    Subscriber(String keyExpr, Runnable undeclare) {
        super(keyExpr, undeclare);
    }
}

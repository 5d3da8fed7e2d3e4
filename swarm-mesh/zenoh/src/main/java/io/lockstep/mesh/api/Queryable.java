package io.lockstep.mesh.api;

/** A declared queryable; closing it undeclares it everywhere. */
public final class Queryable extends Declaration {
    Queryable(String keyExpr, Runnable undeclare) {
        super(keyExpr, undeclare);
    }
}

package io.lockstep.mesh.keyexpr;

/** A string is not a valid (or not a canonical) Zenoh key expression. */
public final class KeyExprException extends IllegalArgumentException {
    public KeyExprException(String keyExpr, String reason) {
        super("invalid key expression '" + keyExpr + "': " + reason);
    }
}

package io.lockstep.mesh.message.network;

/**
 * A key expression as sent on the wire: a numeric scope (0 = none, else an id from a D_KEYEXPR) and an optional
 * string suffix. {@code senderMapping} (the M flag) says the scope id was declared by the sender of the message
 * rather than by its receiver.
 */
public record WireExpr(int scope, String suffix, boolean senderMapping) {
    public WireExpr {
        if (scope < 0 || scope > 0xFFFF) {
            throw new IllegalArgumentException("scope id out of range: " + scope);
        }
        if (suffix != null && suffix.isEmpty()) {
            suffix = null;
        }
    }

    /** A full key expression with no scope. */
    public static WireExpr of(String key) {
        return new WireExpr(0, key, false);
    }

    public boolean hasSuffix() {
        return suffix != null;
    }
}

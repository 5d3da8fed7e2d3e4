package io.lockstep.mesh.keyexpr;

/**
 * A canonical Zenoh key expression: '/'-separated chunks where {@code *} matches one chunk, {@code **} matches
 * any number of chunks (including none) and {@code $*} matches any characters inside a chunk. Chunks starting
 * with '@' are verbatim and are never matched by wildcards.
 */
public final class KeyExpr {
    private final String text;
    private final String[] chunks;

    private KeyExpr(String text) {
        this.text = text;
        this.chunks = text.split("/", -1);
    }

    /** Accepts only canonical key expressions, as Zenoh's {@code KeyExpr::new} does. */
    public static KeyExpr of(String text) {
        String canon = Canonicalizer.canonize(text);
        if (!canon.equals(text)) {
            throw new KeyExprException(text, "not canonical, canonical form is '" + canon + "'");
        }
        return new KeyExpr(text);
    }

    /** Accepts any valid key expression and returns its canonical form. */
    public static KeyExpr autocanonize(String text) {
        return new KeyExpr(Canonicalizer.canonize(text));
    }

    public KeyExpr join(String suffix) {
        return autocanonize(text + "/" + suffix);
    }

    public boolean isWild() {
        return text.contains("*");
    }

    public boolean intersects(KeyExpr other) {
        return Intersection.intersects(chunks, other.chunks);
    }

    /** True when every key matched by {@code other} is also matched by this expression. */
    public boolean includes(KeyExpr other) {
        return Intersection.includes(chunks, other.chunks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyExpr k && k.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

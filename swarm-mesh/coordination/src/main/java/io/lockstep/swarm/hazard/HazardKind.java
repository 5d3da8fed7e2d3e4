package io.lockstep.swarm.hazard;

/** What found a hazard; also the {@code <kind>} chunk of its key, {@code lockstep/swarm/hazards/<kind>/<node>}. */
public enum HazardKind {
    /** The hazard-scout agent's detection (an inference score above its threshold). */
    DETECTION(1, "detection"),
    /** The safety supervisor's obstacle reflex stopped the vehicle. */
    OBSTACLE(2, "obstacle"),
    /** An operator marked it on a node's debug port. */
    OPERATOR(3, "operator");

    private final int code;
    private final String keyChunk;

    HazardKind(int code, String keyChunk) {
        this.code = code;
        this.keyChunk = keyChunk;
    }

    /** The wire code (u8). */
    public int code() {
        return code;
    }

    public String keyChunk() {
        return keyChunk;
    }

    /** The kind of a wire code, or null for an unknown one. */
    public static HazardKind ofCode(int code) {
        for (HazardKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    /** The kind named by a key chunk or a JSON field ({@code detection}, {@code obstacle}, {@code operator}), or null. */
    public static HazardKind ofName(String name) {
        for (HazardKind kind : values()) {
            if (kind.keyChunk.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }
}

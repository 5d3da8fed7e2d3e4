package io.lockstep.mesh.api;

/** Zenoh message priorities, 1 (highest) to 7. */
public enum Priority {
    REAL_TIME(1), INTERACTIVE_HIGH(2), INTERACTIVE_LOW(3), DATA_HIGH(4), DATA(5), DATA_LOW(6), BACKGROUND(7);

    private final int value;

    Priority(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}

package io.lockstep.mesh.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition; the bound is only a safety net against hanging, not a performance assertion. */
public final class Await {
    private static final long LIMIT_MS = 30_000;

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + LIMIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}

package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ManualOverrideTest {

    @Test
    void anOverrideHoldsUntilItsTimeoutThenExpiresOnce() {
        AtomicLong now = new AtomicLong(1_000);
        ManualOverride override = new ManualOverride(now::get);
        override.set(1.5, -0.5, 2_000);
        assertEquals(1.5, override.current().orElseThrow().vx());
        now.set(2_999);
        assertFalse(override.expireIfDue());
        assertTrue(override.current().isPresent());
        now.set(3_000);
        assertTrue(override.current().isEmpty());
        assertTrue(override.expireIfDue());
        assertFalse(override.expireIfDue(), "the end is reported once");
    }

    @Test
    void badRequestsAreRefusedAndCancelEndsItNow() {
        ManualOverride override = new ManualOverride(() -> 0);
        assertThrows(IllegalArgumentException.class, () -> override.set(Double.NaN, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> override.set(0, Double.POSITIVE_INFINITY, 100));
        assertThrows(IllegalArgumentException.class, () -> override.set(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> override.set(0, 0, ManualOverride.MAX_DURATION_MS + 1));
        assertFalse(override.cancel());
        override.set(1, 0, 100);
        assertTrue(override.cancel());
        assertTrue(override.current().isEmpty());
    }
}

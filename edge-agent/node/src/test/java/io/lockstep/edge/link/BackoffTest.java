package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithinJitterBoundsAndCapsAtMax() {
        Backoff backoff = new Backoff(100, 1_000, new Random(1));
        long[] nominal = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long n : nominal) {
            long d = backoff.nextDelayMillis();
            assertTrue(d >= n / 2 && d <= n, "delay " + d + " outside [" + n / 2 + ", " + n + "]");
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(backoff.nextDelayMillis() <= 1_000);
        }
    }

    @Test
    void jitterSpreadsNodesAndResetStartsOver() {
        Set<Long> firstDelays = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            Backoff b = new Backoff(1_000, 60_000, new Random(seed));
            firstDelays.add(b.nextDelayMillis());
        }
        assertTrue(firstDelays.size() > 10, "different nodes wait different times: " + firstDelays);

        Backoff b = new Backoff(100, 10_000, new Random(3));
        for (int i = 0; i < 10; i++) {
            b.nextDelayMillis();
        }
        b.reset();
        assertTrue(b.nextDelayMillis() <= 100);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, new Random()));
    }

    @Test
    void aHugeMaximumNeverOverflows() {
        Backoff b = new Backoff(1, Long.MAX_VALUE / 2, new Random(5));
        for (int i = 0; i < 200; i++) {
            assertTrue(b.nextDelayMillis() >= 0);
        }
    }
}

package io.lockstep.edge.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** A reader's class follows its CPU use: real-time while within budget, normal past it, real-time again once quiet. */
class RealTimeReadersTest {
    private static final long MS = 1_000_000L;

    private final List<String> changes = new ArrayList<>();
    private boolean enabled = true;
    private long now = 5_000 * MS;
    private long cpu = 70 * MS;

    private final RealTimeReaders readers = readers(() -> cpu);

    /** Readers on this test's clock, thread "4242", the CPU clock {@code cpuClock}; class changes go to changes. */
    private RealTimeReaders readers(LongSupplier cpuClock) {
        return new RealTimeReaders(() -> enabled, tid -> changes.add("real-time " + tid),
                tid -> changes.add("normal " + tid), () -> now, cpuClock, () -> Optional.of("4242"));
    }

    /** One message handled, which took {@code cpuMs} of CPU over {@code wallMs}. */
    private void message(double wallMs, double cpuMs) {
        now += (long) (wallMs * MS);
        cpu += (long) (cpuMs * MS);
        readers.handled();
    }

    @Test
    void aReaderIsRealTimeFromItsFirstMessage() {
        message(0, 0.1);
        assertEquals(List.of("real-time 4242"), changes);
    }

    @Test
    void ordinaryTrafficKeepsItRealTime() {
        message(0, 0.1);
        // 50 messages a second at 0.3 ms each, for 10 s: 1.5 % of a core.
        for (int i = 0; i < 500; i++) {
            message(20, 0.3);
        }
        assertEquals(List.of("real-time 4242"), changes);
        assertEquals(0, readers.demotions());
    }

    @Test
    void aFloodSendsItBackToTheNormalClassWithinItsBudget() {
        message(0, 0.1);
        // 10,000 messages a second at 0.05 ms each: half a core.
        int handled = 0;
        while (changes.size() < 2 && handled < 10_000) {
            message(0.1, 0.05);
            handled++;
        }
        assertEquals(List.of("real-time 4242", "normal 4242"), changes);
        assertEquals(1, readers.demotions());
        // It went back once it had used the budget, give or take one check interval: about 20 ms into the flood.
        double usedMs = handled * 0.05;
        assertTrue(usedMs > RealTimeReaders.BUDGET_NANOS / (double) MS, "used " + usedMs + " ms");
        assertTrue(usedMs <= RealTimeReaders.BUDGET_NANOS / (double) MS + 1, "used " + usedMs + " ms");

        // The flood goes on for a second: it stays in the normal class, and is not sent there again.
        for (int i = 0; i < 10_000; i++) {
            message(0.1, 0.05);
        }
        assertEquals(2, changes.size(), changes::toString);
    }

    @Test
    void aQuietWindowAfterTheFloodMakesItRealTimeAgain() {
        message(0, 0.1);
        for (int i = 0; i < 1_000; i++) {
            message(0.1, 0.05);
        }
        assertEquals("normal 4242", changes.get(changes.size() - 1));
        // Still busy, though less: 5 % of a core is over a quarter of the budget's rate, so not yet.
        for (int i = 0; i < 100; i++) {
            message(2, 0.1);
        }
        assertEquals("normal 4242", changes.get(changes.size() - 1));
        // Quiet: one message after half a second of nothing.
        message(500, 0.1);
        message(2, 0.1);
        assertEquals("real-time 4242", changes.get(changes.size() - 1), changes::toString);
    }

    @Test
    void nothingHappensWhereThereIsNoRealTimeClass() {
        enabled = false;
        for (int i = 0; i < 1_000; i++) {
            message(0.1, 0.1);
        }
        assertEquals(List.of(), changes);
    }

    @Test
    void aReaderWithoutACpuClockIsNeverRealTime() {
        RealTimeReaders noClock = readers(() -> -1L);
        for (int i = 0; i < 100; i++) {
            now += MS;
            noClock.handled();
        }
        assertEquals(List.of(), changes, "without a budget it could keep, it stays in the normal class");
    }
}

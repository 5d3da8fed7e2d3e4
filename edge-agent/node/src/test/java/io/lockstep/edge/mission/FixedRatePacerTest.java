package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedRatePacerTest {

    @Test
    void aLateSlotCountsAsAnOverrunAndSkipsTheMissedSlotsInsteadOfBursting() {
        AtomicLong clock = new AtomicLong(0);
        FixedRatePacer pacer = new FixedRatePacer(100, clock::get);
        assertTrue(pacer.awaitNextSlot(() -> false));
        assertEquals(0, pacer.overruns());

        clock.set(350); // the tick that started at 0 took 3.5 periods
        assertTrue(pacer.awaitNextSlot(() -> false));
        assertEquals(1, pacer.overruns());
        clock.set(450); // next slot is one period after the late one, not at 200
        assertTrue(pacer.awaitNextSlot(() -> false));
        assertEquals(1, pacer.overruns());
    }

    @Test
    void stopsWithoutWaiting() {
        FixedRatePacer pacer = new FixedRatePacer(1_000_000_000L, System::nanoTime);
        assertFalse(pacer.awaitNextSlot(() -> true));
        assertThrows(IllegalArgumentException.class, () -> new FixedRatePacer(0, System::nanoTime));
    }
}

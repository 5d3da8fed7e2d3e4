package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TickRingTest {

    private static TickRecord at(long tick) {
        return new TickRecord(tick, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, "f" + tick);
    }

    @Test
    void keepsOnlyTheLastCapacityTicksAndFiltersByRange() {
        TickRing ring = new TickRing(3);
        for (long t = 1; t <= 5; t++) {
            ring.add(at(t));
        }
        assertEquals(List.of(3L, 4L, 5L), ring.range(0, Long.MAX_VALUE, 100).stream().map(TickRecord::tick).toList());
        assertEquals(List.of(4L), ring.range(4, 4, 100).stream().map(TickRecord::tick).toList());
        assertEquals(List.of(3L), ring.range(0, 10, 1).stream().map(TickRecord::tick).toList());
        ring.clear();
        assertEquals(0, ring.range(0, 10, 10).size());
        assertThrows(IllegalArgumentException.class, () -> new TickRing(0));
    }
}

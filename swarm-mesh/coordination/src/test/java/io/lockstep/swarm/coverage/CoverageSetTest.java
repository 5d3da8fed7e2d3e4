package io.lockstep.swarm.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoverageSetTest {

    private static CoverageSet random(Random random, int cells) {
        CoverageSet s = CoverageSet.empty("m", 2, cells);
        for (int i = 0; i < cells / 3; i++) {
            s = s.with(random.nextInt(cells));
        }
        return s;
    }

    @Test
    void mergeIsCommutativeAssociativeAndIdempotent() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int cells = 1 + random.nextInt(300);
            CoverageSet a = random(random, cells);
            CoverageSet b = random(random, cells);
            CoverageSet c = random(random, cells);
            assertEquals(a.merge(b), b.merge(a));
            assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
            assertEquals(a.merge(a), a);
            assertTrue(a.subsetOf(a.merge(b)) && b.subsetOf(a.merge(b)));
        }
    }

    @Test
    void anyDeliveryOrderGivesTheSameUnion() {
        Random random = new Random(5);
        List<CoverageSet> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parts.add(random(random, 500));
        }
        CoverageSet expected = CoverageSet.empty("m", 2, 500);
        for (CoverageSet p : parts) {
            expected = expected.merge(p);
        }
        for (int round = 0; round < 20; round++) {
            List<CoverageSet> shuffled = new ArrayList<>(parts);
            shuffled.addAll(parts.subList(0, 4));   // duplicates, as a lossy mesh redelivers
            Collections.shuffle(shuffled, random);
            CoverageSet got = CoverageSet.empty("m", 2, 500);
            for (CoverageSet p : shuffled) {
                got = got.merge(p);
            }
            assertEquals(expected, got);
        }
    }

    @Test
    void growsOnly() {
        CoverageSet s = CoverageSet.empty("m", 1, 70).with(3).with(64).with(69);
        assertEquals(3, s.completedCount());
        assertSame(s, s.with(3));
        assertSame(s, s.merge(CoverageSet.of("m", 1, 70, 3)));
        assertEquals(List.of(3, 64, 69), s.cells().boxed().toList());
    }

    @Test
    void differentPlansDoNotMerge() {
        CoverageSet a = CoverageSet.empty("m", 1, 10);
        assertThrows(IllegalArgumentException.class, () -> a.merge(CoverageSet.empty("m", 2, 10)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(CoverageSet.empty("n", 1, 10)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(CoverageSet.empty("m", 1, 11)));
        assertThrows(IllegalArgumentException.class, () -> a.with(10));
        assertThrows(IllegalArgumentException.class, () -> a.with(-1));
    }
}

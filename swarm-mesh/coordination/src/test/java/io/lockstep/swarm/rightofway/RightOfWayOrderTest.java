package io.lockstep.swarm.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RightOfWayOrderTest {

    private static final java.util.Comparator<Intent> ORDER = RightOfWayOrder.FIRST_FIRST;

    @Test
    void payloadThenMissionPriorityThenNodeId() {
        Intent payloadLowPriority = Intents.of("z", 1, 0, Intent.CARRYING_PAYLOAD, 0);
        Intent highPriority = Intents.of("a", 1, 0, 0, 200);
        Intent lowPriority = Intents.of("b", 1, 0, 0, 10);
        Intent lowPrioritySmallerId = Intents.of("a", 1, 0, 0, 10);
        assertTrue(ORDER.compare(payloadLowPriority, highPriority) < 0);
        assertTrue(ORDER.compare(highPriority, lowPriority) < 0);
        assertTrue(ORDER.compare(lowPrioritySmallerId, lowPriority) < 0);
        // inside the zone beats everything else for that zone
        Intent insideLow = Intents.of("y", 1, 0, 0, 0, Intents.in(4));
        Intent wantingPayload = Intents.of("b", 1, 0, Intent.CARRYING_PAYLOAD, 255, Intents.want(4));
        assertTrue(RightOfWayOrder.forZone(4).compare(insideLow, wantingPayload) < 0);
    }

    @Test
    void orderIsTotalAntisymmetricTransitiveAndIndependentOfInputOrder() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            List<Intent> intents = new ArrayList<>();
            int n = 2 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                // few distinct values, so ties on payload and priority happen and the node id decides
                intents.add(Intents.of("node-" + i, 1, 0, random.nextInt(2), random.nextInt(3)));
            }
            for (Intent a : intents) {
                for (Intent b : intents) {
                    int ab = Integer.signum(ORDER.compare(a, b));
                    assertEquals(-ab, Integer.signum(ORDER.compare(b, a)));
                    if (a != b) {
                        assertNotEquals(0, ab, "distinct nodes never tie");
                    }
                    for (Intent c : intents) {
                        if (ORDER.compare(a, b) < 0 && ORDER.compare(b, c) < 0) {
                            assertTrue(ORDER.compare(a, c) < 0);
                        }
                    }
                }
            }
            List<Intent> sorted = new ArrayList<>(intents);
            sorted.sort(ORDER);
            List<Intent> shuffled = new ArrayList<>(intents);
            Collections.shuffle(shuffled, random);
            shuffled.sort(ORDER);
            assertEquals(sorted, shuffled);
        }
    }
}

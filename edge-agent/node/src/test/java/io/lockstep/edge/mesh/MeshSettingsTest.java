package io.lockstep.edge.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.message.WhatAmI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mesh settings a node refuses to start with, each with a message that names the setting. */
class MeshSettingsTest {

    private static MeshSettings withNice(int nice) {
        return new MeshSettings(true, List.of("tcp/127.0.0.1:0"), List.of(), false, MeshSettings.DEFAULT_LEASE_MILLIS,
                MeshSettings.DEFAULT_SETTLE_MILLIS, null, WhatAmI.PEER, nice);
    }

    @Test
    void threadNiceIsALinuxNiceValue() {
        assertEquals(-20, withNice(-20).threadNice());
        assertEquals(19, withNice(19).threadNice());
        assertEquals(0, withNice(0).threadNice());
        for (int outside : new int[] {-21, -30, 20, 25}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withNice(outside));
            assertTrue(e.getMessage().contains("lockstep.mesh.thread-nice must be -20..19, got " + outside),
                    e.getMessage());
        }
    }

    @Test
    void theDefaultRaisesTheSafetyThreads() {
        assertEquals(-10, MeshSettings.DEFAULT_THREAD_NICE);
        MeshSettings defaults = new MeshSettings(true, List.of(), List.of(), false, MeshSettings.DEFAULT_LEASE_MILLIS,
                MeshSettings.DEFAULT_SETTLE_MILLIS, null);
        assertEquals(MeshSettings.DEFAULT_THREAD_NICE, defaults.threadNice());
        assertEquals(10, defaults.safetyThreadsRealTimePriority(), "the safety threads run SCHED_RR 10 where permitted");
    }

    @Test
    void theSafetyThreadsRealTimePriorityIsALinuxRealTimePriorityOrZero() {
        for (int outside : new int[] {-1, 100}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeshSettings(true,
                    List.of(), List.of(), false, MeshSettings.DEFAULT_LEASE_MILLIS, MeshSettings.DEFAULT_SETTLE_MILLIS,
                    null, WhatAmI.PEER, -10, outside));
            assertTrue(e.getMessage().contains("lockstep.mesh.safety-threads-real-time-priority must be 0..99, got "
                    + outside), e.getMessage());
        }
        assertEquals(0, new MeshSettings(true, List.of(), List.of(), false, MeshSettings.DEFAULT_LEASE_MILLIS,
                MeshSettings.DEFAULT_SETTLE_MILLIS, null, WhatAmI.PEER, -10, 0).safetyThreadsRealTimePriority());
    }

    @Test
    void aNodeIsNeverARouterAndAClientNeedsSomewhereToConnect() {
        IllegalArgumentException router = assertThrows(IllegalArgumentException.class, () -> new MeshSettings(true,
                List.of(), List.of(), false, 1_000, 0, null, WhatAmI.ROUTER, 0));
        assertTrue(router.getMessage().contains("lockstep.mesh.mode"), router.getMessage());
        IllegalArgumentException client = assertThrows(IllegalArgumentException.class, () -> new MeshSettings(true,
                List.of(), List.of(), false, 1_000, 0, null, WhatAmI.CLIENT, 0));
        assertTrue(client.getMessage().contains("lockstep.mesh.connect"), client.getMessage());
    }
}

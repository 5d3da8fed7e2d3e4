package io.lockstep.swarm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.KeepOutZone;
import io.lockstep.swarm.hazard.DetectionReport;
import io.lockstep.swarm.hazard.HazardKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated nodes share their finds as edge nodes do: peers keep out, the finder does not, finds expire. */
class SimHazardsTest {

    private static final int TICK_MS = 20;
    private static final long DETECTION_TTL_TICKS = DetectionReport.DETECTION_TTL_MS / TICK_MS;
    private static final long OBSTACLE_TTL_TICKS = DetectionReport.OBSTACLE_TTL_MS / TICK_MS;

    @Test
    void aFindKeepsReachablePeersOutButNotItsFinder() {
        SimHazards hazards = new SimHazards(3, TICK_MS);
        hazards.advanceTo(10);
        hazards.found(0, HazardKind.DETECTION, new Vec2(20, 40), 5, peer -> peer == 1);

        assertTrue(hazards.zonesOf(0).isEmpty(), "a node's own find is not its keep-out zone");
        List<KeepOutZone> zones = hazards.zonesOf(1);
        assertEquals(1, zones.size());
        assertEquals(new Vec2(20, 40), zones.get(0).centre());
        assertEquals(5, zones.get(0).radiusM());
        assertTrue(hazards.zonesOf(2).isEmpty(), "node 2 was out of reach when it was published");
        assertEquals(1, hazards.sharedBy(0));
        assertEquals(1, hazards.receivedBy(1));
        assertEquals(0, hazards.receivedBy(2));
    }

    @Test
    void findsInsideTheFindersOwnLiveHazardOfTheSameKindAreCoalesced() {
        SimHazards hazards = new SimHazards(2, TICK_MS);
        hazards.found(0, HazardKind.DETECTION, new Vec2(0, 0), 5, peer -> true);
        hazards.found(0, HazardKind.DETECTION, new Vec2(3, 0), 5, peer -> true);
        hazards.found(0, HazardKind.OBSTACLE, new Vec2(3, 0), 2, peer -> true);
        hazards.found(1, HazardKind.DETECTION, new Vec2(3, 0), 5, peer -> true);
        hazards.found(0, HazardKind.DETECTION, new Vec2(6, 0), 5, peer -> true);

        assertEquals(3, hazards.sharedBy(0), "the second detection lies inside the first");
        assertEquals(1, hazards.sharedBy(1), "another node's find is never coalesced with node 0's");
    }

    @Test
    void aHazardHoldsForItsKindsTimeToLiveInMissionTicks() {
        SimHazards hazards = new SimHazards(2, TICK_MS);
        hazards.advanceTo(100);
        hazards.found(0, HazardKind.OBSTACLE, new Vec2(1, 1), 2, peer -> true);
        hazards.found(0, HazardKind.DETECTION, new Vec2(50, 50), 5, peer -> true);
        hazards.advanceTo(100 + DETECTION_TTL_TICKS - 1);
        assertEquals(2, hazards.zonesOf(1).size());
        hazards.advanceTo(100 + DETECTION_TTL_TICKS);
        assertEquals(1, hazards.zonesOf(1).size(), "the detection is gone, the obstacle still holds");
        hazards.advanceTo(100 + OBSTACLE_TTL_TICKS - 1);
        assertEquals(1, hazards.zonesOf(1).size());
        hazards.advanceTo(100 + OBSTACLE_TTL_TICKS);
        assertTrue(hazards.zonesOf(1).isEmpty());
        hazards.found(0, HazardKind.OBSTACLE, new Vec2(1, 1), 2, peer -> true);
        assertEquals(3, hazards.sharedBy(0), "an expired hazard no longer coalesces a new find");
    }

    @Test
    void aNonFiniteFindIsNoHazard() {
        SimHazards hazards = new SimHazards(2, TICK_MS);
        hazards.found(0, HazardKind.DETECTION, new Vec2(Double.NaN, 0), 5, peer -> true);
        assertEquals(0, hazards.sharedBy(0));
    }
}

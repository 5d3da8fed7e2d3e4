package io.lockstep.swarm.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeparationGuardTest {

    private static final double REACTION = 0.02;
    private final SeparationGuard guard = new SeparationGuard(SeparationConfig.defaults(3.0));

    private static PeerFix standing(String id, double x, double y, boolean goesFirst) {
        return new PeerFix(id, x, y, 0, 0, 0, goesFirst);
    }

    @Test
    void farPeersAndStaleAnnouncementsLeaveTheCommandAlone() {
        GuardVerdict far = guard.apply(0, 0, 3, 0, List.of(standing("node-2", 20, 0, true)), REACTION);
        assertEquals(GuardVerdict.Action.PASS, far.action());
        assertEquals(3.0, far.vxMps(), 1e-12);
        PeerFix stale = new PeerFix("node-2", 1, 0, 0, 0, 1_001, true);
        GuardVerdict ignored = guard.apply(0, 0, 3, 0, List.of(stale), REACTION);
        assertEquals(GuardVerdict.Action.PASS, ignored.action());
    }

    @Test
    void closingInOnAPeerIsLimitedToStopWithinHalfTheGapAndTheSideComponentPasses() {
        // a peer 4 m east, standing; guard 2.8 m: gap 1.2 m, so at most what stops within 0.6 m at 1.5 m/s²
        GuardVerdict v = guard.apply(0, 0, 3, 1, List.of(standing("node-1", 4, 0, false)), REACTION);
        assertEquals(GuardVerdict.Action.HOLD, v.action());
        assertEquals("node-1", v.peer());
        double allowed = SeparationGuard.maxSpeedToStopWithin(0.6, 1.5, REACTION);
        assertEquals(allowed, v.vxMps(), 1e-9);
        assertEquals(1.0, v.vyMps(), 1e-12, "sliding along the disc passes");
        assertTrue(v.detail().contains("node-1"), v.detail());
    }

    @Test
    void theGuardGrowsWithTheAnnouncementsAgeAndFollowsTheAnnouncedVelocity() {
        assertEquals(2.8, guard.config().guardDistanceM(0), 1e-12);
        assertEquals(2.8 + 1.5 * 0.25, guard.config().guardDistanceM(500), 1e-12);
        // announced 4 m east moving west at 2 m/s, 600 ms ago: now 2.8 m away, 0.5 m inside 2.8 + 0.54 (capped)
        PeerFix coming = new PeerFix("node-1", 4, 0, -2, 0, 600, false);
        GuardVerdict v = guard.apply(0, 0, 0, 0, List.of(coming), REACTION);
        assertEquals(2.8, v.distanceM(), 1e-9);
        assertEquals(-0.5, v.vxMps(), 1e-9, "pushed out west, away from it, at most 0.5 m/s");
    }

    @Test
    void insideAPeersDiscTheVehicleIsPushedOutEvenWhenAskedToStand() {
        GuardVerdict v = guard.apply(0, 0, 0, 0, List.of(standing("node-1", 2.5, 0, false)), REACTION);
        assertEquals(GuardVerdict.Action.HOLD, v.action());
        assertEquals(-0.3, v.vxMps(), 1e-9);
    }

    @Test
    void aVehicleBetweenTwoPeersIsNotPushedIntoEitherOfThem() {
        // peers 3.5 m west and 3.5 m east; the request heads east: limiting against the east one must not be undone
        List<PeerFix> both = List.of(standing("node-1", -3.5, 0, false), standing("node-3", 3.5, 0, false));
        GuardVerdict v = guard.apply(0, 0.2, 6, 0, both, REACTION);
        double allowed = SeparationGuard.maxSpeedToStopWithin((Math.hypot(3.5, 0.2) - 2.8) / 2, 1.5, REACTION);
        double towardsEast = v.vxMps() * 3.5 / Math.hypot(3.5, 0.2) - v.vyMps() * 0.2 / Math.hypot(3.5, 0.2);
        assertTrue(towardsEast <= allowed + 1e-6, v.toString());
        double towardsWest = -v.vxMps() * 3.5 / Math.hypot(3.5, 0.2) - v.vyMps() * 0.2 / Math.hypot(3.5, 0.2);
        assertTrue(towardsWest <= allowed + 1e-6, v.toString());
    }

    @Test
    void theLowerRankedOfTwoThatBlockEachOtherStepsAsideAndTheOtherIsOnlySlowed() {
        // head-on, both asking to go through the other, 3.5 m apart
        GuardVerdict lower = guard.apply(0, 0, 2, 0, List.of(standing("node-1", 3.5, 0, true)), REACTION);
        assertEquals(GuardVerdict.Action.STEP_ASIDE, lower.action());
        assertEquals("node-1", lower.peer());
        assertEquals(0.0, lower.vxMps(), 1e-9, "no closing in");
        assertEquals(-1.0, lower.vyMps(), 1e-9, "to the right of heading east");
        GuardVerdict higher = guard.apply(3.5, 0, -2, 0, List.of(standing("node-2", 0, 0, false)), REACTION);
        assertEquals(GuardVerdict.Action.HOLD, higher.action());
        assertEquals(0.0, higher.vyMps(), 1e-12);
    }

    @Test
    void aVehicleInTheWayOfAComingPeerThatGoesFirstLeavesItsPath() {
        // the peer comes from the west along y=0.5; this vehicle stands at the origin, south of its path
        PeerFix coming = new PeerFix("node-1", -3.5, 0.5, 2, 0, 0, true);
        GuardVerdict v = guard.apply(0, 0, 0, 0, List.of(coming), REACTION);
        assertEquals(GuardVerdict.Action.STEP_ASIDE, v.action());
        assertTrue(v.vyMps() < -0.9, "south, out of its path: " + v);
    }
}

package io.lockstep.swarm.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.rightofway.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncedPeersTest {

    private static final AnnouncedPeers.ToLocal FRAME = (lat, lon) -> new double[] {lon / 10.0, lat / 10.0};

    private static Intent intent(String node, long time, long lease, int flags, int priority) {
        return new Intent(node, time, time, time + lease, 30, 40, 1_500, -500, flags, priority, List.of());
    }

    @Test
    void anAnnouncementAgesByTickPeriodsFromItsAgeAtEntryAndIsForgottenAfterTheMaximumAge() {
        AnnouncedPeers peers = new AnnouncedPeers(8);
        Intent own = intent("node-2", 0, 2_000, 0, 5);
        peers.accept(intent("node-1", 1_000, 2_000, 0, 5), 10, 35);
        List<PeerFix> at12 = peers.fixes(own, 12, 20, 1_000, FRAME);
        assertEquals(List.of(new PeerFix("node-1", 4.0, 3.0, 1.5, -0.5, 75, true)), at12);
        assertEquals(995, peers.fixes(own, 58, 20, 1_000, FRAME).get(0).ageMs());
        assertTrue(peers.fixes(own, 59, 20, 1_000, FRAME).isEmpty(), "1,015 ms old: past the maximum age");
        assertTrue(peers.fixes(own, 12, 20, 1_000, FRAME).isEmpty(), "and forgotten");
    }

    @Test
    void theIntentsOwnLeaseBoundsItsAgeAndTheOrderSaysWhoGoesFirst() {
        AnnouncedPeers peers = new AnnouncedPeers(8);
        Intent own = intent("node-2", 0, 2_000, 0, 5);
        peers.accept(intent("node-3", 0, 100, Intent.CARRYING_PAYLOAD, 1), 0, 0);
        peers.accept(intent("node-1", 0, 2_000, 0, 1), 0, 5_000);
        List<PeerFix> fixes = peers.fixes(own, 0, 20, 1_000, FRAME);
        assertEquals(1, fixes.size(), "node-1 arrived older than its lease: its age is its lease, over the maximum");
        assertTrue(fixes.get(0).goesFirst(), "a payload carrier goes first");
        assertTrue(peers.fixes(own, 6, 20, 1_000, FRAME).isEmpty(), "120 ms: past node-3's own 100 ms lease");
    }

    @Test
    void peersBeyondTheLimitAreNotRemembered() {
        AnnouncedPeers peers = new AnnouncedPeers(1);
        Intent own = intent("node-2", 0, 2_000, 0, 9);
        peers.accept(intent("node-1", 0, 2_000, 0, 1), 0, 0);
        peers.accept(intent("node-3", 0, 2_000, 0, 1), 0, 0);
        List<PeerFix> fixes = peers.fixes(own, 0, 20, 1_000, FRAME);
        assertEquals(List.of("node-1"), fixes.stream().map(PeerFix::nodeId).toList());
        assertFalse(fixes.get(0).goesFirst(), "a lower mission priority goes after");
    }
}

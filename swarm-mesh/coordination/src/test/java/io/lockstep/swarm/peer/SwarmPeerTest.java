package io.lockstep.swarm.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MemberAnnouncement;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import io.lockstep.swarm.codec.MemberCodec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarmPeerTest {

    private static final CellPlan PLAN = GridDecomposition.plan("mission-1", 1, List.of(new PointE7(0, 0),
            new PointE7(0, 10_000), new PointE7(8_000, 10_000), new PointE7(8_000, 0)), new CellSize(1000, 1000));

    private static SwarmPeer peer(String id) {
        return new SwarmPeer(Member.of(id), 1, PLAN, 20);
    }

    @Test
    void twoPeersExchangingMessagesAgreeAndCoverEverything() {
        SwarmPeer a = peer("a");
        SwarmPeer b = peer("b");
        a.memberUp(Member.of("b"));
        b.memberUp(Member.of("a"));
        for (long t = 0; t < 200 && !(a.completed().isComplete() && b.completed().isComplete()); t++) {
            for (SwarmPeer p : List.of(a, b)) {
                p.nextCell().ifPresent(p::complete);
            }
            assertTrue(b.onCoverage(a.coverageMessage(), "a"));
            assertTrue(a.onCoverage(b.coverageMessage(), "b"));
            b.onDigest(a.digestMessage(t), "a", t);
            a.onDigest(b.digestMessage(t), "b", t);
            assertEquals(List.of(), a.checkAgreement(t));
        }
        assertTrue(a.completed().isComplete());
        assertEquals(a.completed(), b.completed());
        assertArrayEquals(a.allocation().digest(), b.allocation().digest());
    }

    @Test
    void lostPeersCellsGoToTheSurvivors() {
        SwarmPeer a = peer("a");
        a.memberUp(Member.of("b"));
        int bCells = a.allocation().cellsOf("b").length;
        assertTrue(bCells > 0);
        a.memberDown("b");
        assertEquals(PLAN.size(), a.allocation().cellsOf("a").length);
    }

    @Test
    void badPeerInputIsCountedAndDroppedNeverThrown() {
        SwarmPeer a = peer("a");
        a.memberUp(Member.of("b"));
        Random random = new Random(9);
        byte[] garbage = new byte[100];
        for (int i = 0; i < 300; i++) {
            random.nextBytes(garbage);
            assertFalse(a.onCoverage(garbage, "b"));
            assertFalse(a.onDigest(garbage, "b", i));
            assertFalse(a.onMemberAnnouncement(garbage, "b"));
        }
        assertFalse(a.onCoverage(new byte[1 << 20], "b"));
        assertFalse(a.onCoverage(null, "b"));
        // forged: b's bytes arriving on c's key
        SwarmPeer b = peer("b");
        assertFalse(a.onCoverage(b.coverageMessage(), "c"));
        assertFalse(a.onDigest(b.digestMessage(0), "c", 0));
        // another plan
        CellPlan other = GridDecomposition.plan("mission-1", 2, List.of(new PointE7(0, 0), new PointE7(0, 3000),
                new PointE7(3000, 0)), new CellSize(1000, 1000));
        assertFalse(a.onCoverage(new SwarmPeer(Member.of("b"), 1, other, 20).coverageMessage(), "b"));
        // stale incarnation after a newer one
        assertTrue(a.onMemberAnnouncement(MemberCodec.encode(new MemberAnnouncement(new Member("b", 2), 5, false)), "b"));
        assertFalse(a.onMemberAnnouncement(MemberCodec.encode(new MemberAnnouncement(new Member("b", 1), 4, false)), "b"));
        DropCounters drops = a.drops();
        assertEquals(902, drops.of(DropReason.MALFORMED));
        assertEquals(2, drops.of(DropReason.FORGED_SENDER));
        assertEquals(1, drops.of(DropReason.OTHER_PLAN));
        assertEquals(1, drops.of(DropReason.STALE));
        // and the peer still works
        assertEquals(PLAN.size(), a.allocation().cellsOf("a").length + a.allocation().cellsOf("b").length);
        assertEquals(2, a.view().member("b").get().capability());
    }

    @Test
    void announcementsSetCapabilityButOnlyLivelinessAddsMembers() {
        SwarmPeer a = peer("a");
        a.onMemberAnnouncement(MemberCodec.encode(new MemberAnnouncement(new Member("b", 3), 1, false)), "b");
        assertFalse(a.view().contains("b"));
        a.memberUp("b");
        assertEquals(3, a.view().member("b").get().capability());
        a.memberDown("b");
        // a late copy of the announcement does not resurrect b
        a.onMemberAnnouncement(MemberCodec.encode(new MemberAnnouncement(new Member("b", 3), 1, false)), "b");
        assertFalse(a.view().contains("b"));
        a.memberUp("b");
        assertTrue(a.view().contains("b"));
        a.onMemberAnnouncement(MemberCodec.encode(new MemberAnnouncement(Member.of("b"), 1, true)), "b");
        assertFalse(a.view().contains("b"));
    }
}

package io.lockstep.swarm.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DivergenceDetectorTest {

    private static final MembershipView AB = MembershipView.of(List.of(Member.of("a"), Member.of("b")));
    private static final MembershipView ABC = AB.with(Member.of("c"));

    private static AgreementDigest digest(String node, long seq, MembershipView view, CoverageSet set) {
        return AgreementDigest.of(node, seq, view, set);
    }

    @Test
    void lagWithinTheSettleWindowRaisesNothing() {
        DivergenceDetector detector = new DivergenceDetector("a", 10);
        CoverageSet set = CoverageSet.empty("m", 1, 100);
        for (long t = 0; t < 200; t++) {
            // a completes a cell every tick; b's digest arrives 3 ticks late
            detector.local(digest("a", t, AB, set), t);
            if (t >= 3) {
                CoverageSet late = CoverageSet.empty("m", 1, 100);
                for (int c = 0; c < Math.min(100, t - 3); c++) {
                    late = late.with(c);
                }
                detector.peer(digest("b", t, AB, late), t);
            }
            if (t < 100) {
                set = set.with((int) t);
            }
            assertEquals(List.of(), detector.check(t), "tick " + t);
        }
        assertEquals(0, detector.raisedTotal());
    }

    @Test
    void lastingDisagreementRaisesOneAlertNamingNodesAndComponent() {
        DivergenceDetector detector = new DivergenceDetector("b", 10);
        CoverageSet set = CoverageSet.empty("m", 1, 10);
        List<DivergenceAlert> raised = new java.util.ArrayList<>();
        for (long t = 0; t <= 30; t++) {
            detector.local(digest("b", t, AB, set), t);
            detector.peer(digest("a", t, ABC, set), t);
            raised.addAll(detector.check(t));
        }
        assertEquals(1, raised.size());
        DivergenceAlert alert = raised.get(0);
        assertEquals(List.of("a", "b"), alert.nodes());
        assertEquals(Set.of(Component.MEMBERSHIP), alert.components());
        assertEquals(11, alert.raisedAt());
        assertEquals(1, detector.active().size());
        // they agree again: the alert clears
        detector.local(digest("b", 31, ABC, set), 31);
        assertEquals(List.of(), detector.check(31));
        assertEquals(List.of(), detector.active());
    }

    @Test
    void staleSequencesAreIgnored() {
        DivergenceDetector detector = new DivergenceDetector("a", 5);
        CoverageSet set = CoverageSet.empty("m", 1, 10);
        detector.peer(digest("b", 9, AB, set), 0);
        detector.peer(digest("b", 3, AB, set.with(1)), 1);
        assertEquals(set.completedCount(), detector.latest("b").get().completedCount());
    }

    @Test
    void differencesNameEveryComponent() {
        CoverageSet set = CoverageSet.empty("m", 1, 10);
        AgreementDigest x = digest("a", 0, AB, set);
        AgreementDigest y = new AgreementDigest("b", 0, "other", 2, 9, ABC.digest(), set.with(2).digest(), 1);
        assertEquals(Set.of(Component.values()), y.differences(x));
        assertTrue(x.agreesWith(digest("b", 5, AB, set)));
    }
}

package io.lockstep.swarm.rightofway;

import static io.lockstep.swarm.rightofway.Intents.in;
import static io.lockstep.swarm.rightofway.Intents.want;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RightOfWayTest {

    private static final RightOfWayConfig CONFIG = new RightOfWayConfig(1_000, 300, 5_000, 16);

    private static RightOfWay node(String id) {
        return new RightOfWay(id, CONFIG, new IntentTable(id, 16, SenderBinding.KEY_CHUNK, new NegotiationDrops()));
    }

    private static void hear(RightOfWay rw, Intent intent, long now) {
        assertTrue(rw.peers().accept(intent.nodeId(), IntentCodec.encode(intent), now).isPresent());
    }

    @Test
    void theLowerPriorityNodeHoldsAndTheOtherGoesAfterTheSettleTime() {
        RightOfWay a = node("a");
        RightOfWay b = node("b");
        Intent ia = Intents.of("a", 1, 0, 0, 0, want(7));
        Intent ib = Intents.of("b", 1, 0, 0, 0, want(7));
        hear(a, ib, 0);
        hear(b, ia, 0);
        assertEquals(Manoeuvre.HOLD, a.decide(ia, 0).manoeuvre(), "not settled yet");
        assertEquals(Manoeuvre.HOLD, b.decide(ib, 0).manoeuvre());
        RightOfWayDecision da = a.decide(ia, 300);
        RightOfWayDecision db = b.decide(ib, 300);
        assertEquals(Manoeuvre.GO, da.manoeuvre());
        assertTrue(da.mayEnter(7));
        assertEquals(Manoeuvre.HOLD, db.manoeuvre());
        assertEquals(List.of("a"), db.waitingFor());
        assertEquals(1, b.yields());
        assertEquals(0, a.yields());
    }

    @Test
    void aPayloadCarrierGoesFirstButNeverThroughAVehicleAlreadyInside() {
        RightOfWay carrier = node("z");
        Intent own = Intents.of("z", 1, 0, Intent.CARRYING_PAYLOAD, 0, want(3));
        hear(carrier, Intents.of("a", 1, 0, 0, 9, want(3)), 0);
        assertEquals(Manoeuvre.HOLD, carrier.decide(own, 400).manoeuvre(), "has it, settling");
        assertEquals(Manoeuvre.GO, carrier.decide(own, 700).manoeuvre());
        hear(carrier, Intents.of("a", 2, 500, 0, 9, in(3)), 900);
        RightOfWayDecision d = carrier.decide(own, 900);
        assertEquals(Manoeuvre.HOLD, d.manoeuvre());
        assertEquals(List.of("a"), d.waitingFor());
    }

    @Test
    void aCommittedClaimIsNotTakenAwayByALaterHigherPriorityOne() {
        RightOfWay low = node("b");
        Intent first = Intents.of("b", 1, 0, 0, 0, want(2));
        low.decide(first, 0);
        assertEquals(Manoeuvre.GO, low.decide(first, 300).manoeuvre());
        List<ZoneClaim> claims = low.claims(List.of(), List.of(2));
        assertEquals(List.of(new ZoneClaim(2, false, true)), claims);
        Intent committed = new Intent("b", 2, 300, 1_300, 0, 0, 0, 0, 0, 0, claims);
        hear(low, Intents.of("a", 1, 300, Intent.CARRYING_PAYLOAD, 9, want(2)), 300);
        assertEquals(Manoeuvre.GO, low.decide(committed, 310).manoeuvre());
        RightOfWay high = node("a");
        hear(high, committed, 310);
        RightOfWayDecision d = high.decide(Intents.of("a", 1, 300, Intent.CARRYING_PAYLOAD, 9, want(2)), 310);
        assertEquals(Manoeuvre.HOLD, d.manoeuvre());
        assertEquals(List.of("b"), d.waitingFor());
    }

    @Test
    void aNodeThatDiesHoldingAClaimReleasesItWhenItsLeaseExpires() {
        RightOfWay b = node("b");
        Intent ib = Intents.of("b", 1, 0, 0, 0, want(1));
        hear(b, Intents.of("a", 1, 0, 0, 0, want(1)), 0); // a outranks b, then a says nothing more
        assertEquals(Manoeuvre.HOLD, b.decide(ib, 999).manoeuvre());
        assertEquals(Manoeuvre.HOLD, b.decide(ib, 1_000).manoeuvre(), "lease over, b has it now but must settle");
        assertEquals(Manoeuvre.GO, b.decide(ib, 1_300).manoeuvre());
    }

    @Test
    void aWaitLongerThanTheTimeoutRaisesOneAlert() {
        RightOfWay b = node("b");
        Intent ib = Intents.of("b", 1, 0, 0, 0, want(1));
        long alerts = 0;
        for (long t = 0; t <= 12_000; t += 100) {
            if (t % 500 == 0) {
                hear(b, Intents.of("a", 1 + t, t, 0, 0, want(1)), t);
            }
            RightOfWayDecision d = b.decide(ib, t);
            if (d.alert().isPresent()) {
                alerts++;
                assertEquals(5_000, t);
                assertEquals(List.of("a"), d.alert().get().waitingFor());
            }
        }
        assertEquals(1, alerts);
        assertEquals(1, b.alerts());
    }

    @Test
    void twoVehiclesInsideOneZoneBackOutTheOneThatComesLater() {
        RightOfWay b = node("b");
        hear(b, Intents.of("a", 1, 0, 0, 0, in(1)), 0);
        RightOfWayDecision d = b.decide(Intents.of("b", 1, 0, 0, 0, in(1)), 0);
        assertEquals(Manoeuvre.RETREAT, d.manoeuvre());
        assertEquals(List.of("a"), d.waitingFor());
    }

    @Test
    void aGridlockCycleIsBrokenByItsLowestPriorityNodeOnEveryNodeAlike() {
        // four vehicles each inside one quadrant of an intersection and wanting the next one
        List<Intent> intents = List.of(
                Intents.of("a", 1, 0, 0, 0, in(0), want(1)),
                Intents.of("b", 1, 0, 0, 0, in(1), want(2)),
                Intents.of("c", 1, 0, 0, 0, in(2), want(3)),
                Intents.of("d", 1, 0, 0, 0, want(0), in(3)));
        for (Intent own : intents) {
            RightOfWay rw = node(own.nodeId());
            intents.stream().filter(i -> i != own).forEach(i -> hear(rw, i, 0));
            RightOfWayDecision d = rw.decide(own, 0);
            assertEquals(java.util.Set.of("d"), d.cycleVictims());
            assertEquals(own.nodeId().equals("d") ? Manoeuvre.RETREAT : Manoeuvre.HOLD, d.manoeuvre());
        }
    }

    @Test
    void randomClaimsAlwaysLeaveSomeoneFreeToMoveAndEveryNodeAgrees() {
        Random random = new Random(17);
        for (int round = 0; round < 300; round++) {
            int n = 2 + random.nextInt(6);
            List<Intent> intents = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                java.util.TreeMap<Integer, ZoneClaim> claims = new java.util.TreeMap<>();
                for (int k = random.nextInt(4); k >= 0; k--) {
                    int zone = random.nextInt(5);
                    claims.put(zone, new ZoneClaim(zone, random.nextInt(3) == 0));
                }
                intents.add(new Intent("n" + i, 1, 0, 1_000, 0, 0, 0, 0, random.nextInt(2), random.nextInt(3),
                        List.copyOf(claims.values())));
            }
            java.util.Set<String> victims = null;
            boolean someoneMoves = false;
            for (Intent own : intents) {
                RightOfWay rw = node(own.nodeId());
                intents.stream().filter(i -> i != own).forEach(i -> hear(rw, i, 0));
                rw.decide(own, 0);
                RightOfWayDecision d = rw.decide(own, CONFIG.settleMs());
                if (victims == null) {
                    victims = d.cycleVictims();
                }
                assertEquals(victims, d.cycleVictims(), "every node picks the same victims");
                someoneMoves |= d.manoeuvre() != Manoeuvre.HOLD;
            }
            assertTrue(someoneMoves, "a wait graph where nobody may move: " + intents);
        }
    }
}

package io.lockstep.swarm.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HazardIntakeTest {

    private static final long NOW = 1_700_000_000_000L;
    private final HazardIntake intake = new HazardIntake("me", SenderBinding.KEY_CHUNK);

    private static Hazard from(String sender, long sequence, long issuedAt, int ttl) {
        return new Hazard(sender, "m", 1, sequence, HazardKind.DETECTION, 0, 0, 2_000, issuedAt, ttl);
    }

    private HazardIntake.Verdict receive(String keyNode, Hazard h) {
        return intake.check(HazardKeys.of(h.kind(), keyNode), HazardCodec.encode(h), NOW);
    }

    @Test
    void acceptsAPeersLiveHazardOnce() {
        Hazard h = from("peer", 10, NOW - 100, 5_000);
        assertEquals(h, receive("peer", h).hazard());
        assertEquals(HazardDropReason.REPLAYED, receive("peer", h).dropped());
        assertEquals(HazardDropReason.REPLAYED, receive("peer", from("peer", 9, NOW, 5_000)).dropped());
        assertTrue(receive("peer", from("peer", 11, NOW, 5_000)).accepted());
        assertEquals(2, intake.accepted());
        assertEquals(2, intake.drops().get(HazardDropReason.REPLAYED));
    }

    @Test
    void refusesASenderOtherThanTheKeyNames() {
        assertEquals(HazardDropReason.FORGED_SENDER, receive("peer", from("mallory", 1, NOW, 5_000)).dropped());
        assertEquals(1, intake.drops().get(HazardDropReason.FORGED_SENDER));
    }

    @Test
    void refusesExpiredAndFutureHazards() {
        assertEquals(HazardDropReason.EXPIRED, receive("peer", from("peer", 1, NOW - 5_000, 5_000)).dropped());
        assertEquals(HazardDropReason.EXPIRED, receive("peer", from("peer", 2, NOW + 60_000, 5_000)).dropped());
        // An expired copy did not advance the sequence: the live one behind it still counts.
        assertTrue(receive("peer", from("peer", 1, NOW, 5_000)).accepted());
    }

    @Test
    void refusesGarbageOversizedBadKeysAndKindMismatch() {
        String key = HazardKeys.of(HazardKind.DETECTION, "peer");
        assertEquals(HazardDropReason.MALFORMED, intake.check(key, new byte[] {1, 2, 3}, NOW).dropped());
        assertEquals(HazardDropReason.OVERSIZED, intake.check(key, new byte[HazardCodec.MAX_BYTES + 1], NOW).dropped());
        byte[] good = HazardCodec.encode(from("peer", 1, NOW, 5_000));
        assertEquals(HazardDropReason.MALFORMED, intake.check("lockstep/swarm/hazards/peer", good, NOW).dropped());
        assertEquals(HazardDropReason.MALFORMED, intake.check("lockstep/swarm/hazards/bogus/peer", good, NOW)
                .dropped());
        assertEquals(HazardDropReason.KIND_MISMATCH,
                intake.check(HazardKeys.of(HazardKind.OPERATOR, "peer"), good, NOW).dropped());
        assertEquals(0, intake.accepted());
    }

    @Test
    void ignoresItsOwnEchoWithoutCountingIt() {
        HazardIntake.Verdict echo = receive("me", from("me", 1, NOW, 5_000));
        assertFalse(echo.accepted());
        assertNull(echo.dropped());
        assertTrue(intake.drops().values().stream().allMatch(n -> n == 0));
    }

    @Test
    void aStricterBindingIsTheOnlyHook() {
        HazardIntake strict = new HazardIntake("me", (chunk, sender) -> false);
        Hazard h = from("peer", 1, NOW, 5_000);
        assertEquals(HazardDropReason.FORGED_SENDER,
                strict.check(HazardKeys.of(h.kind(), "peer"), HazardCodec.encode(h), NOW).dropped());
    }
}

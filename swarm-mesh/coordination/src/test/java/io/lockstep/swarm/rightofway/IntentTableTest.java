package io.lockstep.swarm.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.keys.SwarmKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentTableTest {

    private final NegotiationDrops drops = new NegotiationDrops();
    private final IntentTable table = new IntentTable("self", 4, SenderBinding.KEY_CHUNK, drops);

    private static byte[] bytes(String node, long sequence, long time) {
        return IntentCodec.encode(Intents.of(node, sequence, time, 0, 0, Intents.want(1)));
    }

    @Test
    void keepsTheNewestIntentUntilItsLeaseExpires() {
        assertTrue(table.accept("a", bytes("a", 1, 0), 10).isPresent());
        assertTrue(table.accept("a", bytes("a", 2, 500), 510).isPresent());
        assertEquals(2, table.live().get(0).sequence());
        assertEquals(List.of(), table.expire(1_499));
        assertEquals(List.of("a"), table.expire(1_500)); // lease of 1,000 ms from time 500
        assertTrue(table.live().isEmpty());
    }

    @Test
    void replayedExpiredForgedMalformedOversizedAndOwnMessagesAreCountedAndDropped() {
        assertTrue(table.accept("a", bytes("a", 5, 0), 0).isPresent());
        assertTrue(table.accept("a", bytes("a", 5, 0), 1).isEmpty());
        assertTrue(table.accept("a", bytes("a", 4, 0), 1).isEmpty());
        table.expire(5_000);
        assertTrue(table.accept("a", bytes("a", 3, 4_900), 5_000).isEmpty(), "a replay after the lease is refused too");
        assertEquals(3, drops.get(NegotiationDropReason.REPLAYED));

        assertTrue(table.accept("b", bytes("b", 1, 0), 1_000).isEmpty());
        assertEquals(1, drops.get(NegotiationDropReason.EXPIRED));

        assertTrue(table.accept("c", bytes("b", 9, 0), 10).isEmpty());
        assertTrue(table.accept("self", bytes("self", 9, 0), 10).isEmpty());
        assertEquals(2, drops.get(NegotiationDropReason.FORGED_SENDER));

        assertTrue(table.accept("b", new byte[] {1, 2, 3}, 10).isEmpty());
        assertEquals(1, drops.get(NegotiationDropReason.MALFORMED));
        assertTrue(table.accept("b", new byte[IntentCodec.MAX_BYTES + 1], 10).isEmpty());
        assertEquals(1, drops.get(NegotiationDropReason.OVERSIZED));
        assertEquals(8, drops.total());
    }

    @Test
    void everyLeaseExpiresExactlyAtItsExpiryAndTheClaimsWithIt() {
        java.util.Random random = new java.util.Random(23);
        for (int round = 0; round < 100; round++) {
            IntentTable t = new IntentTable("self", 64, SenderBinding.KEY_CHUNK, new NegotiationDrops());
            java.util.Map<String, Long> expiry = new java.util.TreeMap<>();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                String node = "n" + i;
                long time = random.nextInt(1_000);
                long lease = 1 + random.nextInt(5_000);
                Intent intent = new Intent(node, 1, time, time + lease, 0, 0, 0, 0, 0, 0,
                        List.of(new ZoneClaim(random.nextInt(4), random.nextBoolean(), random.nextBoolean())));
                assertTrue(t.accept(node, IntentCodec.encode(intent), time).isPresent());
                expiry.put(node, time + lease);
            }
            RightOfWay observer = new RightOfWay("self", new RightOfWayConfig(1_000, 0, 60_000, 64), t);
            for (long now = 0; now <= 6_000; now += 1 + random.nextInt(400)) {
                final long at = now;
                observer.decide(new Intent("self", 1, now, now + 1, 0, 0, 0, 0, 0, 0,
                        List.of(new ZoneClaim(0, false), new ZoneClaim(1, false), new ZoneClaim(2, false),
                                new ZoneClaim(3, false))), now);
                List<String> expected = expiry.entrySet().stream().filter(e -> e.getValue() > at)
                        .map(java.util.Map.Entry::getKey).sorted(io.lockstep.swarm.allocation.NodeIds.ORDER).toList();
                assertEquals(expected, t.live().stream().map(Intent::nodeId).toList(), "at " + now);
            }
            Intent late = new Intent("self", 2, 7_000, 7_001, 0, 0, 0, 0, 0, 0, List.of(new ZoneClaim(0, false),
                    new ZoneClaim(1, false), new ZoneClaim(2, false), new ZoneClaim(3, false)));
            assertEquals(Manoeuvre.GO, observer.decide(late, 7_000).manoeuvre(), "the dead nodes' zones are free");
            assertTrue(t.live().isEmpty(), "every lease (at most 6 s) is over at 7 s");
        }
    }

    @Test
    void senderIdsThatAreNotPlainKeysAreBoundThroughTheirHashedChunk() {
        String odd = "node with spaces";
        byte[] message = IntentCodec.encode(Intents.of(odd, 1, 0, 0, 0));
        assertTrue(table.accept(SwarmKeys.chunk(odd), message, 0).isPresent());
    }

    @Test
    void tracksAtMostMaxPeersAndForgetsExpiredOnesFirst() {
        for (int i = 0; i < 4; i++) {
            assertTrue(table.accept("p" + i, bytes("p" + i, 1, 0), 0).isPresent());
        }
        assertTrue(table.accept("p9", bytes("p9", 1, 0), 0).isEmpty());
        assertEquals(1, drops.get(NegotiationDropReason.TOO_MANY_PEERS));
        table.expire(2_000);
        assertTrue(table.accept("p9", bytes("p9", 1, 1_900), 2_000).isPresent());
    }
}

package io.lockstep.swarm.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationInboxTest {

    @Test
    void aFloodFromOnePeerKeepsOneSlotAndCountsTheRest() {
        NegotiationDrops drops = new NegotiationDrops();
        NegotiationInbox inbox = new NegotiationInbox(8, drops);
        IntentTable table = new IntentTable("self", 8, SenderBinding.KEY_CHUNK, drops);
        // one second of a 10,000/s flood between two ticks
        for (int i = 1; i <= 10_000; i++) {
            inbox.offer("flooder", IntentCodec.encode(Intents.of("flooder", i, 0, 0, 0, Intents.want(i % 7))));
        }
        inbox.offer("b", IntentCodec.encode(Intents.of("b", 1, 0, 0, 0)));
        assertEquals(2, inbox.pending());
        assertEquals(9_999, drops.get(NegotiationDropReason.SUPERSEDED));
        List<NegotiationInbox.Raw> drained = inbox.drain();
        assertEquals(List.of("b", "flooder"), drained.stream().map(NegotiationInbox.Raw::peerKey).toList());
        drained.forEach(r -> table.accept(r.peerKey(), r.data(), 10));
        assertEquals(10_000, table.live().get(1).sequence(), "the newest one is kept");
        assertEquals(0, inbox.pending());
    }

    @Test
    void oversizedAndTooManyPeersAreRefusedBeforeStoring() {
        NegotiationDrops drops = new NegotiationDrops();
        NegotiationInbox inbox = new NegotiationInbox(2, drops);
        inbox.offer("a", new byte[IntentCodec.MAX_BYTES + 1]);
        inbox.offer("a", new byte[1]);
        inbox.offer("b", new byte[1]);
        inbox.offer("c", new byte[1]);
        assertEquals(1, drops.get(NegotiationDropReason.OVERSIZED));
        assertEquals(1, drops.get(NegotiationDropReason.TOO_MANY_PEERS));
        assertEquals(2, inbox.pending());
    }
}

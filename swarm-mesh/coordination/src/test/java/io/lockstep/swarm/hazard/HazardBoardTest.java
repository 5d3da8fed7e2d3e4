package io.lockstep.swarm.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HazardBoardTest {

    private static Hazard h(String sender, int id, long issuedAt, int ttl) {
        return new Hazard(sender, "m", id, id, HazardKind.OPERATOR, id, 0, 1_000, issuedAt, ttl);
    }

    @Test
    void keepsLiveHazardsInCanonicalOrderAndExpiresThem() {
        HazardBoard board = new HazardBoard();
        board.put(h("b", 2, 0, 1_000), 0);
        board.put(h("a", 5, 0, 2_000), 0);
        board.put(h("b", 1, 0, 3_000), 0);
        List<Hazard> live = board.live(10);
        assertEquals(List.of("a/5", "b/1", "b/2"), live.stream().map(x -> x.sender() + "/" + x.hazardId()).toList());
        assertSame(live, board.live(999), "unchanged until something expires");
        assertEquals(2, board.live(1_000).size());
        assertEquals(1, board.live(2_500).size());
        assertTrue(board.live(3_000).isEmpty());
    }

    @Test
    void anUpdateReplacesTheSameHazard() {
        HazardBoard board = new HazardBoard();
        board.put(h("a", 1, 0, 1_000), 0);
        board.put(h("a", 1, 500, 1_000), 600);
        assertEquals(1, board.live(600).size());
        assertEquals(1, board.live(1_200).size());
    }

    @Test
    void staysBoundedPerSenderAndInTotal() {
        HazardBoard board = new HazardBoard();
        for (int i = 0; i < 10_000; i++) {
            board.put(h("flood", i, 0, 10_000 + i), 0);
        }
        assertEquals(HazardBoard.MAX_PER_SENDER, board.live(0).size());
        // The flood evicted only its own entries, the soonest-expiring first.
        assertTrue(board.live(0).stream().allMatch(x -> x.hazardId() >= 10_000 - HazardBoard.MAX_PER_SENDER));
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < HazardBoard.MAX_PER_SENDER; i++) {
                board.put(h("s" + s, i, 0, 10_000), 0);
            }
        }
        assertEquals(HazardBoard.MAX_LIVE, board.live(0).size());
        assertTrue(board.evicted() > 0);
    }

    @Test
    void aSendersShareIsFreedWhenItsHazardsExpireOrAreEvicted() {
        HazardBoard board = new HazardBoard();
        for (int i = 0; i < HazardBoard.MAX_PER_SENDER; i++) {
            board.put(h("a", i, 0, 1_000), 0);
        }
        // All of a's expired: a full share again without evicting anything.
        for (int i = 0; i < HazardBoard.MAX_PER_SENDER; i++) {
            assertEquals(0, board.put(h("a", 100 + i, 1_000, 1_000), 1_000));
        }
        assertEquals(1, board.put(h("a", 200, 1_000, 5_000), 1_000), "over its share: one evicted");
        assertEquals(HazardBoard.MAX_PER_SENDER, board.live(1_000).size());
        // Others are not held back by a's share.
        assertEquals(0, board.put(h("b", 1, 1_000, 1_000), 1_000));
        assertEquals(HazardBoard.MAX_PER_SENDER + 1, board.live(1_000).size());
    }
}

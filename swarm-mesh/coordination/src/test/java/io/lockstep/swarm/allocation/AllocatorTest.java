package io.lockstep.swarm.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.coverage.CoverageSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    private static final String MISSION = "mission-1";
    private static final int CELLS = 2000;

    private static MembershipView nodes(int n) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            members.add(Member.of("node-" + i));
        }
        return MembershipView.of(members);
    }

    private static Allocation allocate(MembershipView view, CoverageSet done, Map<String, Integer> claims) {
        return Allocator.allocate(MISSION, 1, CELLS, view, done, claims);
    }

    private static CoverageSet none() {
        return CoverageSet.empty(MISSION, 1, CELLS);
    }

    @Test
    void hashIsPinnedByteForByte() {
        // Values every other implementation must reproduce (see RendezvousHash's spec).
        assertEquals(0x5fe38d81ff9f63e8L, RendezvousHash.nodeKey("mission-1", "node-1"));
        assertEquals(0x38ade283481e5f51L,
                RendezvousHash.score(RendezvousHash.nodeKey("mission-1", "node-1"), RendezvousHash.cellKey(7, 0)));
    }

    @Test
    void everyOpenCellHasExactlyOneLiveOwnerAndInputOrderDoesNotMatter() {
        List<Member> members = new ArrayList<>(nodes(7).members());
        Allocation a = allocate(MembershipView.of(members), none(), Map.of());
        Collections.shuffle(members, new Random(3));
        Allocation b = allocate(MembershipView.of(members), none(), Map.of());
        assertArrayEquals(a.digest(), b.digest());
        int total = 0;
        for (Member m : members) {
            total += a.cellsOf(m.nodeId()).length;
        }
        assertEquals(CELLS, total);
        assertEquals(0, a.unownedOpenCells());
    }

    @Test
    void completedCellsHaveNoOwner() {
        CoverageSet done = CoverageSet.of(MISSION, 1, CELLS, 0, 5, 1999);
        Allocation a = allocate(nodes(3), done, Map.of());
        assertEquals(Optional.empty(), a.owner(0));
        assertEquals(Optional.empty(), a.owner(1999));
        assertTrue(a.owner(1).isPresent());
        assertEquals(0, a.unownedOpenCells());
    }

    @Test
    void losingANodeMovesOnlyItsCells() {
        Allocation before = allocate(nodes(10), none(), Map.of());
        Allocation after = allocate(nodes(10).without("node-4"), none(), Map.of());
        for (int c = 0; c < CELLS; c++) {
            if (!before.owner(c).get().equals("node-4")) {
                assertEquals(before.owner(c), after.owner(c), "cell " + c + " moved");
            } else {
                assertFalse(after.owner(c).get().equals("node-4"));
            }
        }
    }

    @Test
    void joiningMovesAboutItsShare() {
        Allocation before = allocate(nodes(9), none(), Map.of());
        Allocation after = allocate(nodes(10), none(), Map.of());
        int moved = 0;
        for (int c = 0; c < CELLS; c++) {
            if (!before.owner(c).equals(after.owner(c))) {
                moved++;
                assertEquals(Optional.of("node-10"), after.owner(c));
            }
        }
        assertTrue(moved > CELLS / 10 * 0.7 && moved < CELLS / 10 * 1.3, "moved " + moved);
    }

    @Test
    void capabilityWeightsTheShare() {
        MembershipView view = MembershipView.of(List.of(new Member("a", 1), new Member("b", 3)));
        Allocation a = Allocator.allocate(MISSION, 1, 20_000, view, CoverageSet.empty(MISSION, 1, 20_000), Map.of());
        double share = a.cellsOf("b").length / 20_000.0;
        assertTrue(share > 0.72 && share < 0.78, "share " + share);
    }

    @Test
    void claimsKeepCellsWithTheirLiveOwner() {
        MembershipView view = nodes(5);
        Allocation plain = allocate(view, none(), Map.of());
        String notOwner = plain.owner(42).get().equals("node-1") ? "node-2" : "node-1";
        Allocation claimed = allocate(view, none(), Map.of(notOwner, 42));
        assertEquals(Optional.of(notOwner), claimed.owner(42));
        // a claim of a node outside the view is ignored
        Allocation ghost = allocate(view, none(), Map.of("node-99", 42));
        assertEquals(plain.owner(42), ghost.owner(42));
        // a claim of a completed cell is ignored
        Allocation done = allocate(view, CoverageSet.of(MISSION, 1, CELLS, 42), Map.of(notOwner, 42));
        assertEquals(Optional.empty(), done.owner(42));
    }

    @Test
    void competingClaimsResolveTheSameWhateverTheMapOrder() {
        MembershipView view = nodes(6);
        Map<String, Integer> forward = new LinkedHashMap<>();
        Map<String, Integer> backward = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            forward.put("node-" + i, 7);
            backward.put("node-" + (7 - i), 7);
        }
        Allocation a = allocate(view, none(), forward);
        Allocation b = allocate(view, none(), new HashMap<>(backward));
        assertEquals(a.owner(7), b.owner(7));
        assertArrayEquals(a.digest(), b.digest());
    }

    @Test
    void nextCellKeepsTheCurrentOneWhileOwned() {
        Allocation a = allocate(nodes(3), none(), Map.of());
        int[] mine = a.cellsOf("node-2");
        assertEquals(mine[0], a.nextCell("node-2", -1).getAsInt());
        assertEquals(mine[3], a.nextCell("node-2", mine[3]).getAsInt());
        int notMine = a.cellsOf("node-1")[0];
        assertEquals(mine[0], a.nextCell("node-2", notMine).getAsInt());
        assertTrue(a.nextCell("node-9", -1).isEmpty());
    }

    @Test
    void nobodyLiveLeavesOpenCellsUnowned() {
        Allocation a = allocate(MembershipView.empty(), CoverageSet.of(MISSION, 1, CELLS, 1), Map.of());
        assertEquals(CELLS - 1, a.unownedOpenCells());
    }

    @Test
    void nodeIdOrderIsUtf8ByteOrderForGeneratedIds() {
        Random random = new Random(13);
        int[] pool = {'a', 'z', '0', 0x7F, 0xE9, 0x7FF, 0x800, 0xFFFD, 0xE000, 0x1F600, 0x10FFFF};
        for (int trial = 0; trial < 5000; trial++) {
            String a = randomId(random, pool);
            String b = randomId(random, pool);
            int bytes = java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(Integer.signum(bytes), Integer.signum(NodeIds.ORDER.compare(a, b)), a + " vs " + b);
        }
    }

    private static String randomId(Random random, int[] pool) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return sb.toString();
    }

    @Test
    void nodeIdsOrderByUtf8Bytes() {
        // UTF-16 order puts U+1F600 (surrogate 0xD83D) before U+FFFD; UTF-8 byte order puts it after.
        String bmp = "\uFFFD";
        String astral = "\uD83D\uDE00";
        assertTrue(bmp.compareTo(astral) > 0);
        assertTrue(NodeIds.ORDER.compare(bmp, astral) < 0);
    }
}

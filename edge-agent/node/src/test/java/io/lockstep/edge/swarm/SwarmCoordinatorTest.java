package io.lockstep.edge.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.proto.v1.Cell;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.TickInputs;
import io.lockstep.swarm.agreement.AgreementDigest;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.codec.AgreementDigestCodec;
import io.lockstep.swarm.codec.CoverageCodec;
import io.lockstep.swarm.coverage.CoverageMessage;
import io.lockstep.swarm.coverage.CoverageSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's side of a cell mission, driven tick by tick with a fake mesh and a fake clock. */
class SwarmCoordinatorTest {

    static final String MISSION = "m-cells";
    static final int CELLS = 12;
    static final long SETTLE = 1_000;

    final AtomicLong clock = new AtomicLong(1_000_000);
    final FakeSwarmChannel channel = new FakeSwarmChannel();
    SwarmCoordinator a;

    static CellMap map(String... nodes) {
        LocalFrame frame = new LocalFrame(47.0, 8.0);
        CellPlan.Builder plan = CellPlan.newBuilder().setVersion(1).addAllNodes(List.of(nodes));
        for (int i = 0; i < CELLS; i++) {
            int lat = 470_000_000 + (i / 4) * 1_800;
            int lon = 80_000_000 + (i % 4) * 2_600;
            plan.addCells(Cell.newBuilder().setIndex(i).addOutlineE7(lat).addOutlineE7(lon).addOutlineE7(lat)
                    .addOutlineE7(lon + 2_600).addOutlineE7(lat + 1_800).addOutlineE7(lon + 2_600));
        }
        return CellMap.of(MISSION, plan.build(), frame);
    }

    @BeforeEach
    void start() {
        channel.live.addAll(List.of("node-a", "node-b", "node-c"));
        a = new SwarmCoordinator(MISSION, map("node-a", "node-b", "node-c"), "node-a", channel, SETTLE, clock::get);
        a.start();
    }

    private List<InputEvent> tick(List<EmittedMessage> emitted) {
        TickInputs.Builder inputs = TickInputs.builder();
        a.beforeTick(inputs);
        a.afterTick(emitted);
        clock.addAndGet(20);
        return inputs.build().hostEvents();
    }

    private List<InputEvent> tick() {
        return tick(List.of());
    }

    private static List<String> kinds(List<InputEvent> events) {
        return events.stream().map(InputEvent::kind).toList();
    }

    private static List<Integer> cellsOf(InputEvent cellsEvent) {
        ByteBuffer b = ByteBuffer.wrap(cellsEvent.data()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(SwarmEvents.CELLS_LAYOUT, b.getInt());
        assertEquals(CELLS, b.getInt());
        b.getInt();
        int count = b.getInt();
        assertEquals(1, b.getLong(), "plan version");
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cells.add(b.getInt());
            for (int k = 0; k < 4; k++) {
                assertTrue(Double.isFinite(b.getDouble()));
            }
        }
        assertEquals(0, b.remaining());
        return cells;
    }

    private static byte[] coverage(String sender, int... cells) {
        return CoverageCodec.encode(new CoverageMessage(sender, -1, CoverageSet.of(MISSION, 1, CELLS, cells)));
    }

    private static EmittedMessage covered(int cell) {
        return new EmittedMessage("survey", 0, "swarm/covered/node-a",
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(cell).array());
    }

    @Test
    void firstTickJournalsTheMembersAndThisNodesCellsThenNothingUntilSomethingChanges() {
        List<InputEvent> first = tick();
        assertEquals(List.of(SwarmEvents.MEMBERS, SwarmEvents.CELLS), kinds(first));
        assertEquals("node-a\nnode-b\nnode-c", new String(first.get(0).data(), StandardCharsets.UTF_8));
        assertFalse(cellsOf(first.get(1)).isEmpty(), "three members share twelve cells");
        assertEquals(List.of(), kinds(tick()));
    }

    @Test
    void peersCoverageEntersOnceAsAJournaledEventAndShrinksThisNodesCells() {
        List<Integer> mine = cellsOf(tick().get(1));
        int peerCell = mine.get(0);
        channel.coverageIn.add(new SwarmChannel.Received("node-b", coverage("node-b", peerCell)));
        List<InputEvent> events = tick();
        assertEquals(List.of(SwarmEvents.COVERED, SwarmEvents.CELLS), kinds(events));
        assertFalse(cellsOf(events.get(1)).contains(peerCell));
        // The same coverage again (gossip repeats, catch-up replies): merging is idempotent.
        channel.coverageIn.add(new SwarmChannel.Received("node-b", coverage("node-b", peerCell)));
        channel.coverageIn.add(new SwarmChannel.Received("node-c", coverage("node-c", peerCell)));
        assertEquals(List.of(), kinds(tick()));
        assertEquals(1, a.view().cellsCovered());
    }

    @Test
    void aCellTheAgentReportsIsPublishedAndLeavesTheList() {
        List<Integer> mine = cellsOf(tick().get(1));
        channel.coverageOut.clear();
        tick(List.of(covered(mine.get(0))));
        assertEquals(1, channel.coverageOut.size(), "published at once");
        assertTrue(a.view().done().contains(mine.get(0)));
        List<InputEvent> next = tick();
        assertEquals(List.of(SwarmEvents.CELLS), kinds(next));
        assertFalse(cellsOf(next.get(0)).contains(mine.get(0)));
        assertArrayEquals(channel.coverageOut.get(0), channel.answer.get(), "the queryable answers the same");
    }

    @Test
    void aLostPeersCellsAreTakenOverOnlyAfterTheSettleWindow() {
        List<Integer> before = cellsOf(tick().get(1));
        channel.live.remove("node-b");
        assertEquals(List.of(), kinds(tick()), "the token just went");
        clock.addAndGet(SETTLE - 100);
        assertEquals(List.of(), kinds(tick()), "still inside the settle window");
        clock.addAndGet(200);
        long takenOverAt = clock.get();
        List<InputEvent> events = tick();
        assertEquals(List.of(SwarmEvents.MEMBERS, SwarmEvents.CELLS), kinds(events));
        assertEquals("node-a\nnode-c", new String(events.get(0).data(), StandardCharsets.UTF_8));
        List<Integer> after = cellsOf(events.get(1));
        assertTrue(after.containsAll(before), "rendezvous hashing keeps this node's own cells");
        assertTrue(after.size() > before.size(), "and adds some of the lost node's");
        assertEquals(List.of("node-b"), a.view().lost());
        assertEquals(Map.of("node-b", takenOverAt), a.view().lostAtMillis(), "found lost at this tick");
        Set<Integer> taken = new HashSet<>(after);
        taken.removeAll(before);
        assertEquals(taken, new HashSet<>(a.view().reallocated()));
    }

    @Test
    void aPeerThatComesBackIsAMemberAgain() {
        tick();
        channel.live.remove("node-c");
        tick();
        clock.addAndGet(SETTLE + 1);
        tick();
        assertEquals(List.of("node-c"), a.view().lost());
        channel.live.add("node-c");
        List<InputEvent> events = tick();
        assertEquals(SwarmEvents.MEMBERS, events.get(0).kind());
        assertEquals(List.of(), a.view().lost());
        assertEquals(Map.of(), a.view().lostAtMillis());
    }

    @Test
    void tokensOfNodesOutsideTheMissionChangeNothing() {
        tick();
        channel.live.addAll(List.of("intruder", "node-a/extra", "h-0000"));
        clock.addAndGet(SETTLE * 5);
        assertEquals(List.of(), kinds(tick()));
        assertEquals(List.of("node-a", "node-b", "node-c"), a.view().members());
    }

    @Test
    void malformedOversizedForgedAndForeignMessagesAreCountedAndDroppedWithoutStoppingTheTick() {
        tick();
        byte[] good = coverage("node-b", 3);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        byte[] oversized = new byte[64 * 1024];
        byte[] otherPlan = CoverageCodec.encode(new CoverageMessage("node-b", -1,
                CoverageSet.of(MISSION, 2, CELLS, 4)));
        channel.coverageIn.add(new SwarmChannel.Received("node-b", truncated));
        channel.coverageIn.add(new SwarmChannel.Received("node-b", oversized));
        channel.coverageIn.add(new SwarmChannel.Received("node-c", good)); // names node-b: forged
        channel.coverageIn.add(new SwarmChannel.Received("node-b", otherPlan));
        channel.coverageIn.add(new SwarmChannel.Received("node-b", new byte[0]));
        channel.digestsIn.add(new SwarmChannel.Received("node-b", "garbage".getBytes(StandardCharsets.UTF_8)));
        channel.digestsIn.add(new SwarmChannel.Received("node-c", digest("node-b")));
        List<InputEvent> events = tick();
        assertEquals(List.of(), kinds(events), "nothing of it reaches the agents");
        assertEquals(7, a.dropped());
        assertEquals(7, a.view().dropped());
        assertEquals(0, a.view().cellsCovered());
        // A good message after the bad ones still goes through.
        channel.coverageIn.add(new SwarmChannel.Received("node-b", good));
        assertEquals(List.of(SwarmEvents.COVERED, SwarmEvents.CELLS), kinds(tick()));
    }

    private static byte[] digest(String node) {
        MembershipView view = MembershipView.of(List.of(Member.of("node-a"), Member.of("node-b"),
                Member.of("node-c")));
        return AgreementDigestCodec.encode(AgreementDigest.of(node, 1, view, CoverageSet.empty(MISSION, 1, CELLS)));
    }

    @Test
    void aPeerWhoseDigestKeepsDisagreeingRaisesADivergenceAfterTheSettleWindow() {
        tick();
        MembershipView other = MembershipView.of(List.of(Member.of("node-a"), Member.of("node-b")));
        for (int i = 0; i < 80; i++) {
            byte[] d = AgreementDigestCodec.encode(AgreementDigest.of("node-b", i + 1, other,
                    CoverageSet.empty(MISSION, 1, CELLS)));
            channel.digestsIn.add(new SwarmChannel.Received("node-b", d));
            tick();
        }
        assertTrue(a.divergence().isPresent(), "80 ticks of 20 ms disagreeing outlast a 1 s settle window");
        assertTrue(a.view().divergence().contains("MEMBERSHIP"), a.view().divergence());
        assertTrue(a.view().toProto().getDivergence().contains("node-b"));
    }

    @Test
    void aPeerThatAgreesRaisesNothing() {
        for (int i = 0; i < 80; i++) {
            channel.digestsIn.add(new SwarmChannel.Received("node-b", digest2(i + 1)));
            tick();
        }
        assertTrue(a.divergence().isEmpty(), a.view().divergence());
    }

    private static byte[] digest2(long seq) {
        MembershipView view = MembershipView.of(List.of(Member.of("node-a"), Member.of("node-b"),
                Member.of("node-c")));
        return AgreementDigestCodec.encode(AgreementDigest.of("node-b", seq, view,
                CoverageSet.empty(MISSION, 1, CELLS)));
    }
}

package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.hazard.HazardService;
import io.lockstep.edge.hazard.NodeHazardReport;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.NodeHazard;
import io.lockstep.swarm.hazard.Hazard;
import io.lockstep.swarm.hazard.HazardCodec;
import io.lockstep.swarm.hazard.HazardKeys;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.hazard.SenderBinding;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The node's live hazard set (own finds and peers') reaches C2 on the link's heartbeats, bounded. */
class HazardHeartbeatTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final HazardService hazards = new HazardService("node-1", (k, p, a, direct) -> true,
            new io.lockstep.edge.mesh.FakeMeshClock(clock), OpenTelemetry.noop().getTracer("t"), () -> "m1", SenderBinding.KEY_CHUNK,
            HazardService.Settings.DEFAULTS);

    @RegisterExtension
    final LinkToFakeC2 fixture = new LinkToFakeC2();

    /** Runs before the fixture closes the link and C2. */
    @AfterEach
    void stopHazards() {
        hazards.close();
    }

    private void receive(String sender, int id, long sequence) {
        Hazard h = new Hazard(sender, "m1", id, sequence, HazardKind.DETECTION, 1_000 * id, -500, 5_000,
                clock.get(), 60_000);
        hazards.onSample(HazardKeys.of(h.kind(), sender), HazardCodec.encode(h), null);
    }

    private void startLink(Supplier<Heartbeat> heartbeat) {
        fixture.start(fixture.settings(50), dir, 1000, heartbeat, TestLinks.QUIET);
    }

    private List<Heartbeat> heartbeats() {
        return fixture.c2().received(EdgeToC2::hasHeartbeat).stream().map(EdgeToC2::getHeartbeat).toList();
    }

    @Test
    void ownAndPeersHazardsReachC2OncePerHazardId() {
        Hazard own = hazards.publish(HazardKind.OPERATOR, 40, 12, 4, 120_000);
        receive("node-2", 7, 100);
        receive("node-2", 7, 101); // the same hazard again, a newer message: still one entry
        receive("node-3", 9, 100);
        await("peers' hazards applied", () -> hazards.live().size() == 3);
        startLink(() -> NodeHazardReport.addTo(Heartbeat.newBuilder().setMissionId("m1"), hazards.known()).build());
        await("a heartbeat with the hazard set", () -> heartbeats().stream().anyMatch(h -> h.getHazardsCount() == 3));
        Heartbeat beat = heartbeats().stream().filter(h -> h.getHazardsCount() == 3).findFirst().orElseThrow();
        assertTrue(beat.getHazardsReported());
        List<String> ids = beat.getHazardsList().stream().map(h -> h.getSender() + "/" + h.getHazardId()).sorted()
                .toList();
        assertEquals(List.of("node-1/" + own.hazardId(), "node-2/7", "node-3/9"), ids);
        NodeHazard mine = beat.getHazardsList().stream().filter(h -> h.getSender().equals("node-1")).findFirst()
                .orElseThrow();
        assertEquals("OPERATOR", mine.getKind());
        assertEquals(40_000, mine.getXMm());
        assertEquals(12_000, mine.getYMm());
        assertEquals(4_000, mine.getRadiusMm());
        assertEquals(120_000, mine.getTtlMs());
        assertEquals("m1", mine.getMissionId());

        clock.addAndGet(61_000);
        await("expired peers' hazards leave the set",
                () -> heartbeats().get(heartbeats().size() - 1).getHazardsCount() == 1);
    }

    @Test
    void aHugeHazardSetIsCutToTheBoundAndTheRestCounted() {
        List<Hazard> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new Hazard("node-" + (i % 50), "m1", i, i + 1, HazardKind.OBSTACLE, i, i, 2_000,
                    clock.get() - i, 60_000));
        }
        startLink(() -> NodeHazardReport.addTo(Heartbeat.newBuilder(), many).build());
        await("a bounded heartbeat", () -> !heartbeats().isEmpty());
        Heartbeat beat = heartbeats().get(0);
        assertEquals(OutboundBounds.MAX_HAZARDS, beat.getHazardsCount());
        assertEquals(500 - OutboundBounds.MAX_HAZARDS, beat.getHazardsOmitted());
        assertEquals(0, beat.getHazards(0).getHazardId(), "newest first, the oldest are left out");
        assertTrue(beat.getSerializedSize() < 16 * 1024, beat.getSerializedSize() + " bytes");
    }
}

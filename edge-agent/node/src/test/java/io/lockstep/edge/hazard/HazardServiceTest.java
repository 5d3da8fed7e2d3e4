package io.lockstep.edge.hazard;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mesh.FakeMeshClock;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.swarm.hazard.Hazard;
import io.lockstep.swarm.hazard.HazardCodec;
import io.lockstep.swarm.hazard.HazardKeys;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.hazard.SenderBinding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node's hazard service with a fake transport and a fake clock. */
class HazardServiceTest {

    private record Put(String key, byte[] payload, byte[] attachment) {
    }

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private final InMemorySpans spans = new InMemorySpans();
    private final HazardService service = new HazardService("node-c",
            (k, p, a, direct) -> puts.add(new Put(k, p, a)), new FakeMeshClock(clock), spans.tracer(), () -> "m1",
            SenderBinding.KEY_CHUNK, HazardService.Settings.DEFAULTS);

    @AfterEach
    void close() {
        service.close();
    }

    private void receive(String sender, int id, String mission, int ttlMs) {
        Hazard h = new Hazard(sender, mission, id, clock.get() * 1000 + id, HazardKind.DETECTION, 1_000 * id, 0,
                2_000, clock.get(), ttlMs);
        service.onSample(HazardKeys.of(h.kind(), sender), HazardCodec.encode(h), null);
    }

    @Test
    void peersHazardsEnterTheNextTickInCanonicalOrderWithTheirTtlInTicks() {
        receive("node-b", 7, "m1", 1_000);
        receive("node-a", 9, "m1", 95);
        receive("node-z", 1, "other-mission", 1_000);
        await("applied", () -> service.live().size() == 3);
        byte[] event = service.eventForNextTick("m1", 20);
        ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(HazardEvents.LAYOUT, b.getInt());
        assertEquals(2, b.getInt(), "the other mission's hazard is not this mission's input");
        assertEquals("node-a", record(b, 9, 5));
        assertEquals("node-b", record(b, 7, 50));
        assertEquals(0, b.remaining());
        assertNull(service.eventForNextTick("m1", 20), "each hazard enters once");
        assertEquals(2, service.zones().size(), "keep-out zones of the running mission only");
        clock.addAndGet(100);
        assertEquals(1, service.zones().size(), "expired by the node's clock");
    }

    @Test
    void aWaiterIsAnsweredWhenThePeersHazardIsAppliedWithTheReceivingThreadsCpuTime() throws Exception {
        assertTrue(service.awaitApplied("node-b", 3, 0).isEmpty(), "not received yet");
        CompletableFuture<Optional<HazardService.Applied>> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return service.awaitApplied("node-b", 3, 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        receive("node-b", 3, "m1", 1_000);
        HazardService.Applied applied = waiter.get(30, TimeUnit.SECONDS).orElseThrow();
        assertEquals(3, applied.hazard().hazardId());
        assertEquals(clock.get() * 1_000, applied.receivedAtMicros());
        assertTrue(applied.intakeCpuMicros() >= 0, "the receiving thread applied it itself: " + applied);
        assertTrue(service.awaitApplied("node-b", 4, 1).isEmpty(), "another hazard of the same sender");
    }

    private static String record(ByteBuffer b, int id, int ttlTicks) {
        assertEquals(HazardKind.DETECTION.code(), b.get());
        byte[] sender = new byte[b.get()];
        b.get(sender);
        assertEquals(id, b.getInt());
        assertEquals(id, b.getDouble(), 1e-9);
        assertEquals(0.0, b.getDouble());
        assertEquals(2.0, b.getDouble());
        assertEquals(ttlTicks, b.getInt());
        return new String(sender, StandardCharsets.UTF_8);
    }

    @Test
    void theScoutsDetectionsArePublishedOnceWithTraceContext() throws Exception {
        service.onEmitted(List.of(
                new EmittedMessage("hazard-scout", 1, "swarm/hazard/node-c", "x=10.00 y=5.00 score=0.9 tick=3"
                        .getBytes(StandardCharsets.UTF_8)),
                new EmittedMessage("hazard-scout", 2, "swarm/hazard/node-c", "x=11.00 y=5.50 score=0.8 tick=13"
                        .getBytes(StandardCharsets.UTF_8)),
                new EmittedMessage("hazard-scout", 3, "swarm/hazard/node-c", "garbage".getBytes(StandardCharsets.UTF_8)),
                new EmittedMessage("survey", 4, "swarm/progress/node-c", "x=1 y=2".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, puts.size(), "the second find lies inside the first: coalesced");
        Put put = puts.get(0);
        assertEquals("lockstep/swarm/hazards/detection/node-c", put.key());
        assertTrue(new String(put.attachment(), StandardCharsets.UTF_8).startsWith("traceparent=00-"));
        assertEquals(1L, service.counters().get("coalesced"));
        assertTrue(service.zones().isEmpty(), "a node's own detection is no keep-out zone for itself");
        assertEquals(60_000, HazardCodec.decode(put.payload()).ttlMs(), "a detection holds a minute");
    }

    @Test
    void anObstacleStopHoldsLongerThanADetection() throws Exception {
        service.onObstacleStop(new io.lockstep.platform.geometry.Vec2(96, 15));
        assertEquals(1, puts.size());
        Hazard obstacle = HazardCodec.decode(puts.get(0).payload());
        assertEquals(HazardKind.OBSTACLE, obstacle.kind());
        assertEquals(2_000, obstacle.radiusMm());
        assertEquals(600_000, obstacle.ttlMs(), "what stopped the vehicle stays where it is");
    }
}

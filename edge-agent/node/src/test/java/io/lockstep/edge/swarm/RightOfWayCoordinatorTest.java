package io.lockstep.edge.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.proto.v1.Mission;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.TickInputs;
import io.lockstep.swarm.rightofway.Intent;
import io.lockstep.swarm.rightofway.IntentCodec;
import io.lockstep.swarm.rightofway.Manoeuvre;
import io.lockstep.swarm.rightofway.NegotiationDropReason;
import io.lockstep.swarm.rightofway.NegotiationDrops;
import io.lockstep.swarm.rightofway.RightOfWayConfig;
import io.lockstep.swarm.rightofway.ZoneClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RightOfWayCoordinatorTest {

    private static final LocalFrame FRAME = new LocalFrame(47.3769, 8.5417);
    private static final RightOfWayConfig CONFIG = new RightOfWayConfig(2_000, 200, 5_000, 16);

    private static SafetySupervisor supervisor() {
        SimulatedVehicle vehicle = new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1));
        return new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
    }

    private static List<InputEvent> events(TickInputs inputs, String kind) {
        return inputs.hostEvents().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Test
    void twoVehiclesHeadingForTheSameSpotOneHoldsShortAndItIsJournaled() {
        AtomicLong clock = new AtomicLong(1_000_000);
        LinkedSwarmChannel ca = new LinkedSwarmChannel("node-a");
        LinkedSwarmChannel cb = new LinkedSwarmChannel("node-b");
        ca.peers.add(cb);
        cb.peers.add(ca);
        SafetySupervisor sb = supervisor();
        RightOfWayCoordinator a = new RightOfWayCoordinator("node-a", ca, supervisor(), FRAME, 5, false, CONFIG,
                50, clock::get);
        RightOfWayCoordinator b = new RightOfWayCoordinator("node-b", cb, sb, FRAME, 5, false, CONFIG, 50,
                clock::get);
        // a flies east along y = 0 towards x = 20, b north along x = 20 towards y = 0: their paths cross there
        Vec2 pa = new Vec2(8, 0);
        Vec2 pb = new Vec2(20, -12);
        List<TickInputs> journaledB = new ArrayList<>();
        for (int tick = 0; tick < 20; tick++) {
            TickInputs.Builder ia = TickInputs.builder().sensorFrame(new byte[0]);
            a.beforeTick(ia, new VehicleReadings(pa, new Vec2(6, 0), 1.0, new double[0]), tick);
            TickInputs.Builder ib = TickInputs.builder().sensorFrame(new byte[0]);
            b.beforeTick(ib, new VehicleReadings(pb, new Vec2(0, 6), 1.0, new double[0]), tick);
            journaledB.add(ib.build());
            clock.addAndGet(50);
        }
        assertEquals(Manoeuvre.HOLD, b.manoeuvre(), "node-b gives way to node-a (same priority, smaller id)");
        assertTrue(b.yields() >= 1);
        assertEquals(Manoeuvre.GO, a.manoeuvre());
        assertTrue(journaledB.stream().anyMatch(t -> !events(t, RightOfWayEvents.INTENTS).isEmpty()));
        assertTrue(journaledB.stream().flatMap(t -> events(t, RightOfWayEvents.DECISION).stream())
                .anyMatch(e -> new String(e.data()).equals("HOLD waiting=node-a")));
        // the supervisor holds b short of the crossing however hard the agents push
        var decision = sb.apply(1, new Vec2(0, 6), new VehicleReadings(new Vec2(20, -3), new Vec2(0, 6), 1.0,
                new double[0]), 0.05);
        assertTrue(decision.velocity().length() < 6.0, "not slowed: " + decision.velocity());
        assertTrue(sb.counts().get(InterventionKind.SWARM_YIELD) >= 1);
        assertTrue(a.minSeparationM() < 20);
        b.stop();
    }

    @Test
    void aPayloadCarrierFromTheMissionWinsRightOfWayOverAHigherPriorityAndASmallerId() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        LinkedSwarmChannel ca = new LinkedSwarmChannel("node-a");
        LinkedSwarmChannel cb = new LinkedSwarmChannel("node-b");
        ca.peers.add(cb);
        cb.peers.add(ca);
        SafetySupervisor sa = supervisor();
        // node-a: a survey of priority 9; node-b: a delivery of priority 2 whose vehicles carry a payload.
        RightOfWayCoordinator a = RightOfWaySetup.forMission(Mission.newBuilder().setId("survey").setPriority(9)
                .build(), "node-a", ca, sa, FRAME, 50, clock::get);
        RightOfWayCoordinator b = RightOfWaySetup.forMission(Mission.newBuilder().setId("delivery").setPriority(2)
                .setCarryingPayload(true).build(), "node-b", cb, supervisor(), FRAME, 50, clock::get);
        Vec2 pa = new Vec2(8, 0);
        Vec2 pb = new Vec2(20, -12);
        for (int tick = 0; tick < 20; tick++) {
            a.beforeTick(TickInputs.builder().sensorFrame(new byte[0]),
                    new VehicleReadings(pa, new Vec2(6, 0), 1.0, new double[0]), tick);
            b.beforeTick(TickInputs.builder().sensorFrame(new byte[0]),
                    new VehicleReadings(pb, new Vec2(0, 6), 1.0, new double[0]), tick);
            clock.addAndGet(50);
        }
        assertTrue(IntentCodec.decode(cb.sent.get(cb.sent.size() - 1)).carryingPayload(),
                "node-b's intent carries the mission's payload flag");
        assertTrue(!IntentCodec.decode(ca.sent.get(ca.sent.size() - 1)).carryingPayload());
        assertEquals(Manoeuvre.HOLD, a.manoeuvre(), "node-a gives way to the payload carrier");
        assertEquals(Manoeuvre.GO, b.manoeuvre());
        assertTrue(a.yields() >= 1);
        a.stop();
    }

    @Test
    void badNegotiationMessagesAreCountedAndDroppedAndNeverThrow() {
        AtomicLong clock = new AtomicLong(5_000_000);
        LinkedSwarmChannel channel = new LinkedSwarmChannel("self");
        RightOfWayCoordinator self = new RightOfWayCoordinator("self", channel, supervisor(), FRAME, 5, false,
                CONFIG, 100, clock::get);
        long now = clock.get();
        Intent valid = new Intent("peer", 10, now, now + 1_000, 0, 0, 0, 0, 0, 0, List.of(new ZoneClaim(3, false)));
        channel.inbox.offer("peer", IntentCodec.encode(valid));
        self.beforeTick(TickInputs.builder().sensorFrame(new byte[0]), still(), 1);
        channel.inbox.offer("peer", IntentCodec.encode(valid)); // replayed
        channel.inbox.offer("junk", new byte[] {1, 2, 3}); // malformed
        channel.inbox.offer("huge", new byte[IntentCodec.MAX_BYTES + 1]); // oversized
        channel.inbox.offer("forger", IntentCodec.encode(new Intent("peer", 11, now, now + 1_000, 0, 0, 0, 0, 0, 0,
                List.of()))); // names another node than its key
        channel.inbox.offer("late", IntentCodec.encode(new Intent("late", 1, now - 5_000, now - 4_000, 0, 0, 0, 0, 0,
                0, List.of()))); // expired
        TickInputs.Builder inputs = TickInputs.builder().sensorFrame(new byte[0]);
        self.beforeTick(inputs, still(), 2);
        assertTrue(events(inputs.build(), RightOfWayEvents.INTENTS).isEmpty(), "nothing bad is journaled");
        NegotiationDrops drops = channel.drops;
        assertEquals(1, drops.get(NegotiationDropReason.REPLAYED));
        assertEquals(1, drops.get(NegotiationDropReason.MALFORMED));
        assertEquals(1, drops.get(NegotiationDropReason.OVERSIZED));
        assertEquals(1, drops.get(NegotiationDropReason.FORGED_SENDER));
        assertEquals(1, drops.get(NegotiationDropReason.EXPIRED));
    }

    @Test
    void aFloodOfTenThousandIntentsFromOnePeerCostsOneDecodePerTick() {
        AtomicLong clock = new AtomicLong(9_000_000);
        LinkedSwarmChannel channel = new LinkedSwarmChannel("self");
        RightOfWayCoordinator self = new RightOfWayCoordinator("self", channel, supervisor(), FRAME, 5, false,
                CONFIG, 100, clock::get);
        for (int tick = 0; tick < 10; tick++) {
            // a tenth of a second of 10,000 messages per second, between two ticks
            for (int i = 0; i < 1_000; i++) {
                long now = clock.get();
                channel.inbox.offer("flooder", IntentCodec.encode(new Intent("flooder", tick * 1_000L + i + 1, now,
                        now + 1_000, 0, 0, 0, 0, 0, 0, List.of(new ZoneClaim(i % 31, false)))));
            }
            assertEquals(1, channel.inbox.pending(), "one slot per peer, however fast it sends");
            TickInputs.Builder inputs = TickInputs.builder().sensorFrame(new byte[0]);
            self.beforeTick(inputs, still(), tick);
            List<InputEvent> intents = events(inputs.build(), RightOfWayEvents.INTENTS);
            assertEquals(1, intents.size());
            assertEquals(4 + 4 + 4 + IntentCodec.encode(new Intent("flooder", 1, 0, 1, 0, 0, 0, 0, 0, 0,
                    List.of(new ZoneClaim(1, false)))).length, intents.get(0).data().length, "only the newest, and its age");
            clock.addAndGet(100);
        }
        assertEquals(10 * 999, channel.drops.get(NegotiationDropReason.SUPERSEDED));
    }

    private static VehicleReadings still() {
        return new VehicleReadings(new Vec2(50, 50), Vec2.ZERO, 1.0, new double[0]);
    }
}

package io.lockstep.edge.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.LocalFrame;
import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.TickInputs;
import io.lockstep.swarm.rightofway.IntentCodec;
import io.lockstep.swarm.rightofway.RightOfWayConfig;
import io.lockstep.swarm.separation.AnnouncedPeers;
import io.lockstep.swarm.separation.PeerFix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (coordinator, safety supervisor, simulated vehicle with its 0.2 m position noise) whose vehicles drive
 * at each other at 8 m/s, 1 m apart sideways, over a mesh that delivers every intent by the next tick: without the
 * node's guards they pass within centimetres; with right of way and the separation guard they keep the safety
 * distance and both arrive. The guard's peers at every tick can be rebuilt from the journaled intents alone.
 */
class SeparationBetweenNodesTest {

    private static final LocalFrame FRAME = new LocalFrame(47.3769, 8.5417);
    private static final long TICK_MS = 20;
    private static final double DT = TICK_MS / 1000.0;
    private static final World OPEN = new World("open", new AxisAlignedRectangle(new Vec2(-100, -100),
            new Vec2(100, 100)), Vec2.ZERO, List.of(), List.of());

    private static final class Node {
        final String id;
        final SimulatedVehicle vehicle;
        final SafetySupervisor supervisor;
        final LinkedSwarmChannel channel;
        final RightOfWayCoordinator coordinator;
        final Vec2 target;
        final List<TickInputs> journal = new ArrayList<>();
        final List<List<PeerFix>> guardPeers = new ArrayList<>();
        boolean arrived;

        Node(String id, Vec2 start, Vec2 target, long seed, AtomicLong clock, boolean guarded) {
            this.id = id;
            this.vehicle = new SimulatedVehicle(OPEN, SimulatedVehicleConfig.defaults(seed), start, 1.0);
            this.supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
            this.channel = new LinkedSwarmChannel(id);
            this.coordinator = guarded ? new RightOfWayCoordinator(id, channel, supervisor, FRAME, 5, false,
                    RightOfWayConfig.defaults(), TICK_MS, clock::get) : null;
            this.target = target;
        }

        void tick(long tick) {
            VehicleReadings r = vehicle.readSensors();
            TickInputs.Builder inputs = TickInputs.builder().sensorFrame(new byte[0]);
            if (coordinator != null) {
                coordinator.beforeTick(inputs, r, tick);
            }
            journal.add(inputs.build());
            Vec2 to = target.minus(r.position());
            arrived |= to.length() < 1.0;
            Vec2 want = arrived ? Vec2.ZERO : to.normalized().times(Math.min(8.0, Math.sqrt(2 * 3.0 * to.length())));
            supervisor.apply(tick, want, r, DT);
            vehicle.advance(DT);
        }
    }

    private record Outcome(double minSeparation, boolean bothArrived, Node a, Node b) {
    }

    private static Outcome run(boolean guarded) {
        AtomicLong clock = new AtomicLong(1_000_000);
        Node a = new Node("node-a", new Vec2(-30, 0), new Vec2(30, 0), 1, clock, guarded);
        Node b = new Node("node-b", new Vec2(30, 1), new Vec2(-30, 1), 2, clock, guarded);
        a.channel.peers.add(b.channel);
        b.channel.peers.add(a.channel);
        double min = Double.POSITIVE_INFINITY;
        for (long tick = 1; tick <= 3_000 && !(a.arrived && b.arrived); tick++) {
            a.tick(tick);
            b.tick(tick);
            min = Math.min(min, a.vehicle.state().position().distanceTo(b.vehicle.state().position()));
            clock.addAndGet(TICK_MS);
        }
        return new Outcome(min, a.arrived && b.arrived, a, b);
    }

    @Test
    void vehiclesThatWouldPassWithinCentimetresKeepTheSafetyDistanceAndBothArrive() {
        Outcome bare = run(false);
        assertTrue(bare.minSeparation() < 2.0, "the paths must come too close without the guards: " + bare);
        Outcome guarded = run(true);
        double safety = guarded.a().supervisor.separationConfig().safetyDistanceM();
        assertTrue(guarded.minSeparation() >= safety, "came within " + guarded.minSeparation() + " m");
        assertTrue(guarded.bothArrived(), "deadlock");
        List<Intervention> holds = new ArrayList<>();
        for (Node n : List.of(guarded.a(), guarded.b())) {
            n.supervisor.recentInterventions().stream().filter(i -> i.kind() == InterventionKind.SEPARATION_HOLD)
                    .forEach(holds::add);
        }
        assertTrue(!holds.isEmpty(), "the separation guard acted");
        assertTrue(holds.stream().allMatch(i -> i.detail().contains("node-a") || i.detail().contains("node-b")),
                holds.toString());
    }

    @Test
    void theGuardsPeersAtEveryTickFollowFromTheJournaledIntentsAlone() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        Node a = new Node("node-a", new Vec2(-30, 0), new Vec2(30, 0), 1, clock, true);
        Node b = new Node("node-b", new Vec2(30, 1), new Vec2(-30, 1), 2, clock, true);
        a.channel.peers.add(b.channel);
        b.channel.peers.add(a.channel);
        AnnouncedPeers replayed = new AnnouncedPeers(16);
        int compared = 0;
        for (long tick = 1; tick <= 200; tick++) {
            a.tick(tick);
            // jitter on the mesh and the clock: none of it may matter beyond what the journal says
            clock.addAndGet(TICK_MS + (tick % 3 == 0 ? 7 : 0));
            b.tick(tick);
            for (InputEvent e : b.journal.get(b.journal.size() - 1).hostEvents()) {
                if (e.kind().equals(RightOfWayEvents.INTENTS)) {
                    ByteBuffer in = ByteBuffer.wrap(e.data()).order(ByteOrder.LITTLE_ENDIAN);
                    int count = in.getInt();
                    List<byte[]> intents = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        byte[] data = new byte[in.getInt()];
                        in.get(data);
                        intents.add(data);
                    }
                    for (byte[] data : intents) {
                        replayed.accept(IntentCodec.decode(data), tick, in.getInt());
                    }
                    assertEquals(0, in.remaining());
                }
            }
            var own = IntentCodec.decode(b.channel.sent.get(b.channel.sent.size() - 1));
            List<PeerFix> fromJournal = replayed.fixes(own, tick, TICK_MS, 1_000,
                    (lat, lon) -> FRAME.toLocal(lat / 1e7, lon / 1e7));
            assertEquals(fromJournal, b.supervisor.separationPeers(), "tick " + tick);
            compared += fromJournal.isEmpty() ? 0 : 1;
        }
        assertTrue(compared > 150, "peers were compared at " + compared + " ticks");
    }
}

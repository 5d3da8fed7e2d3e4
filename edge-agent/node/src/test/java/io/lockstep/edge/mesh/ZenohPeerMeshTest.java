package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes' mesh bridges over real Zenoh sessions on loopback. */
class ZenohPeerMeshTest {

    private Session sessionA;
    private Session sessionB;
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private SafetySupervisor supervisorA;
    private SafetySupervisor supervisorB;

    private static SafetySupervisor supervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    @BeforeEach
    void open() throws Exception {
        sessionA = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0").multicastScouting(false));
        sessionB = Zenoh.open(Config.peer().connect(sessionA.listenEndpoints().get(0)).multicastScouting(false));
        supervisorA = supervisor();
        supervisorB = supervisor();
        a = new ZenohPeerMesh(sessionA, "node-a", supervisorA);
        b = new ZenohPeerMesh(sessionB, "node-b", supervisorB);
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    @Test
    void nodesSeeEachOtherAndExchangeTheirAgentsMessages() {
        a.join("m1");
        b.join("m1");
        await("membership", () -> a.members().contains("node-b") && b.members().contains("node-a"));

        byte[] data = {1, 2, 3};
        List<PeerMessage> got = new CopyOnWriteArrayList<>();
        await("delivered", () -> {
            if (got.isEmpty()) {
                b.publish("m1", List.of(new EmittedMessage("scout", 7, "swarm/hazard", data)));
            }
            got.addAll(a.drain("m1"));
            return !got.isEmpty();
        });
        PeerMessage m = got.get(0);
        assertEquals("node-b", m.sender());
        assertEquals(7, m.seq());
        assertEquals("swarm/hazard", m.topic());
        assertArrayEquals(data, m.data());
        assertTrue(b.drain("m1").isEmpty(), "a node does not receive its own messages back from the mesh");
    }

    @Test
    void messagesOfOtherMissionsAndMalformedOnesAreNotDelivered() {
        a.join("m1");
        b.join("m2");
        await("membership", () -> a.members().contains("node-b"));
        await("malformed one seen", () -> {
            sessionB.put(MeshKeys.missionPrefix("m1") + "swarm/x", "no attachment");
            return a.malformed() > 0;
        });
        // One publisher's puts arrive in order: once the m1 message is in, the earlier m2 one had its chance.
        List<PeerMessage> got = new CopyOnWriteArrayList<>();
        await("the m1 message", () -> {
            if (got.isEmpty()) {
                b.publish("m2", List.of(new EmittedMessage("scout", 1, "swarm/other-mission", new byte[] {9})));
                b.publish("m1", List.of(new EmittedMessage("scout", 2, "swarm/this-mission", new byte[] {8})));
            }
            got.addAll(a.drain("m1"));
            return !got.isEmpty();
        });
        assertTrue(got.stream().allMatch(m -> m.topic().equals("swarm/this-mission")), got.toString());
    }

    @Test
    void aPeersEmergencyStopLatchesEveryNodeAndOnlyACommanderCanClearIt() {
        await("membership", () -> a.members().contains("node-b"));
        await("latched", () -> {
            if (!supervisorA.isEmergencyStopLatched()) {
                b.broadcastEmergencyStop("hazard ahead");
            }
            return supervisorA.isEmergencyStopLatched();
        });
        await("latched locally too", supervisorB::isEmergencyStopLatched);
        await("its event recorded just after the latch", () -> !supervisorA.recentInterventions().isEmpty());
        assertTrue(supervisorA.recentInterventions().get(0).detail().contains("MESH"));
        assertFalse(supervisorA.clearEmergencyStop(EstopSource.MESH));
        assertTrue(supervisorA.isEmergencyStopLatched());
        assertTrue(supervisorA.clearEmergencyStop(EstopSource.C2));
    }

    @Test
    void aPeersHostileEstopStillLatchesWithItsReasonBoundedAndGarbageTraceContextIgnored() {
        await("membership", () -> a.members().contains("node-b"));
        String reason = "x".repeat(100_000) + "\u0000\n%s";
        byte[] garbage = "traceparent=00-zz-\n=\n\n\u00ff".repeat(3).getBytes(StandardCharsets.UTF_8);
        await("latched", () -> {
            // Sent under a sender key with odd characters that no member has: the dev mesh binds by key only.
            sessionB.put(MeshKeys.ESTOP + "h-od%d$*", reason.getBytes(StandardCharsets.UTF_8),
                    io.lockstep.mesh.api.PutOptions.DEFAULT.withAttachment(garbage));
            return supervisorA.isEmergencyStopLatched() && !supervisorA.recentInterventions().isEmpty();
        });
        String detail = supervisorA.recentInterventions().get(0).detail();
        assertTrue(detail.length() < ZenohPeerMesh.MAX_REASON_CHARS + 100, "reason bounded: " + detail.length());
        assertTrue(supervisorA.clearEmergencyStop(EstopSource.C2));
    }

    @Test
    void idsThatAreNotPlainKeyChunksAreHashed() {
        assertEquals("m-1.x_y", MeshKeys.chunk("m-1.x_y"));
        assertTrue(MeshKeys.chunk("a/b/**").startsWith("h-"));
        assertTrue(MeshKeys.chunk("").startsWith("h-"));
    }
}

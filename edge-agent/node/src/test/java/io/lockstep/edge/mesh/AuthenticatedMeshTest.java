package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.transport.TlsSettings;
import io.lockstep.pki.FleetCa;
import io.lockstep.pki.NodeCredentials;
import io.lockstep.pki.NodeKeys;
import io.lockstep.pki.Pem;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.swarm.keys.SwarmKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on a TLS mesh with fleet certificates: node-b may speak as node-b only. Its session publishes raw
 * messages claiming to be node-a (e-stop key, mission attachment, coverage key): node-a refuses and counts them.
 */
class AuthenticatedMeshTest {

    @TempDir
    Path dir;
    private FleetCa ca;
    private ZenohPeerMesh a;
    private ZenohPeerMesh b;
    private Session sessionB;
    private SafetySupervisor supervisorA;

    private static SafetySupervisor supervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    private TlsSettings credentials(String nodeId) throws Exception {
        KeyPair key = NodeKeys.generate();
        NodeCredentials files = NodeCredentials.write(dir.resolve(nodeId),
                ca.chainPem(ca.issueNode(nodeId, key.getPublic())), key.getPrivate(), Pem.certificate(ca.certificate()));
        return TlsSettings.fromPem(files.certificate(), files.privateKey(), files.rootCa());
    }

    @BeforeEach
    void open() throws Exception {
        ca = FleetCa.create(dir.resolve("ca"), "test fleet CA", Clock.systemUTC());
        Session sessionA = Zenoh.open(Config.peer().listen("tls/127.0.0.1:0").tls(credentials("node-a")));
        sessionB = Zenoh.open(Config.peer().connect(sessionA.listenEndpoints().get(0)).tls(credentials("node-b")));
        supervisorA = supervisor();
        a = new ZenohPeerMesh(sessionA, "node-a", supervisorA, new MeshSenderCheck("node-a", true));
        b = new ZenohPeerMesh(sessionB, "node-b", supervisor(), new MeshSenderCheck("node-b", true));
        await("membership", () -> a.members().contains("node-b") && b.members().contains("node-a"));
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    @Test
    void aPeerWithoutAFleetCertificateIsRefusedAndCounted() throws Exception {
        Session sessionX = Zenoh.open(Config.peer().listen("tls/127.0.0.1:0").listen("tcp/127.0.0.1:0")
                .tls(credentials("node-x")));
        ZenohPeerMesh x = new ZenohPeerMesh(sessionX, "node-x", supervisor(), new MeshSenderCheck("node-x", true));
        try (Session plain = Zenoh.open(Config.peer().connect(sessionX.listenEndpoints().get(1))
                .multicastScouting(false))) {
            await("the plain peer refused and counted", () -> x.unauthenticatedPeersRefused() >= 1);
            assertEquals(List.of("node-x"), List.copyOf(x.members()), "the plain peer never joined");
            assertEquals(0, x.peersOverDeclarationCap());
        } finally {
            x.close();
        }
    }

    @Test
    void aFleetNodeCannotStopAnotherNodeInTheNameOfAThird() {
        await("forged e-stop refused", () -> {
            sessionB.put(MeshKeys.ESTOP + "node-c", "forged");
            return a.senderCheck().refused() > 0;
        });
        assertFalse(supervisorA.isEmergencyStopLatched());

        await("its own e-stop accepted", () -> {
            b.broadcastEmergencyStop("real hazard");
            // the latch first, its event just after (counted once the latching thread has relayed)
            return supervisorA.isEmergencyStopLatched() && !supervisorA.recentInterventions().isEmpty();
        });
        assertTrue(supervisorA.recentInterventions().get(0).detail().contains("peer node-b"),
                supervisorA.recentInterventions().get(0).detail());
    }

    @Test
    void missionMessagesClaimingAnotherSenderAreDropped() {
        a.join("m1");
        b.join("m1");
        String key = MeshKeys.missionPrefix("m1") + "swarm/hazard";
        await("forged mission message refused", () -> {
            sessionB.put(key, new byte[] {1}, PutOptions.DEFAULT.withAttachment("node-a\n1".getBytes(StandardCharsets.UTF_8)));
            sessionB.put(key, new byte[] {2}, PutOptions.DEFAULT.withAttachment("node-c\n1".getBytes(StandardCharsets.UTF_8)));
            return a.senderCheck().refused() >= 2;
        });
        List<PeerMessage> got = new ArrayList<>();
        await("the real one", () -> {
            b.publish("m1", List.of(new EmittedMessage("scout", 7, "swarm/hazard", new byte[] {3})));
            got.addAll(a.drain("m1"));
            return !got.isEmpty();
        });
        assertTrue(got.stream().allMatch(m -> m.sender().equals("node-b") && m.data()[0] == 3), got.toString());
    }

    @Test
    void coverageOnAnotherNodesKeyIsDropped() {
        a.swarm().join("m1", () -> new byte[0]);
        String prefix = SwarmKeys.mission("m1");
        await("forged coverage refused", () -> {
            sessionB.put(prefix + "coverage/node-c", new byte[] {1}, PutOptions.DEFAULT);
            return a.senderCheck().refused() > 0;
        });
        assertTrue(a.swarm().drainCoverage("m1").stream().noneMatch(r -> r.peer().equals("node-c")));

        await("node-b's own coverage", () -> {
            sessionB.put(prefix + "coverage/node-b", new byte[] {2}, PutOptions.DEFAULT);
            return a.swarm().drainCoverage("m1").stream().anyMatch(r -> r.peer().equals("node-b"));
        });
        assertEquals(0, a.droppedWhileReconnecting());
    }

    @Test
    void aFleetNodeCannotDeclareOrWithdrawAnotherNodesLivelinessToken() {
        long before = a.senderCheck().refused();
        // node-b declares a token for node-c (a node that is not there) and one for node-a's own id.
        io.lockstep.mesh.api.LivelinessToken forgedC = sessionB.liveliness().declareToken(MeshKeys.NODES + "node-c");
        io.lockstep.mesh.api.LivelinessToken forgedA = sessionB.liveliness().declareToken(MeshKeys.NODES + "node-a");
        await("forged tokens refused", () -> a.senderCheck().refused() >= before + 2);
        assertFalse(a.members().contains("node-c"), a.members().toString());
        // Withdrawing them: were the DELETE of the node-a token taken, node-a would drop out of its own view (and
        // a peer's view of a real node-a would lose it: a fleet node could make another look dead).
        forgedC.close();
        forgedA.close();
        await("forged withdrawals refused too", () -> a.senderCheck().refused() >= before + 4);
        assertFalse(a.members().contains("node-c"), a.members().toString());
        assertTrue(a.members().contains("node-a"), "node-a's own token stays: " + a.members());
        assertTrue(a.members().contains("node-b"), "node-b's own token is accepted: " + a.members());
    }
}

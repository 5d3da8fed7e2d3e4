package io.lockstep.edge.mesh;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.session.PeerInfo;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.PeerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code lockstep.mesh.mode=client}: the node's session attaches to one router or peer as a Zenoh client. */
class MeshClientModeTest {

    private static MeshSettings client(String endpoint) {
        return new MeshSettings(true, List.of(), List.of(endpoint), false, MeshSettings.DEFAULT_LEASE_MILLIS,
                MeshSettings.DEFAULT_SETTLE_MILLIS, null, MeshSettings.parseMode("client"), MeshSettings.DEFAULT_THREAD_NICE);
    }

    private static SafetySupervisor supervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    @Test
    void theNodesClientSessionSaysClientInItsInit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Init> init = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept(); TcpLink link = new TcpLink(socket)) {
                    link.setReadTimeout(30_000);
                    return (Init) TransportCodec.decode(link.read());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Config config = MeshSessionConfig.of(client("tcp/127.0.0.1:" + server.getLocalPort()));

            // The stand-in router hangs up after the INIT: a client with one router fails to open, as Zenoh's does.
            assertThrows(IOException.class, () -> Zenoh.open(config));

            Init syn = init.get(30, TimeUnit.SECONDS);
            assertFalse(syn.ack());
            assertEquals(WhatAmI.CLIENT, syn.whatAmI());
        }
    }

    @Test
    void aClientNodeAttachedToALockstepListenerExchangesMeshMessagesWithIt() {
        try (Session listener = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
                Session clientSession = Zenoh.open(MeshSessionConfig.of(client(listener.listenEndpoints().get(0))));
                ZenohPeerMesh peer = new ZenohPeerMesh(listener, "node-a", supervisor());
                ZenohPeerMesh clientNode = new ZenohPeerMesh(clientSession, "node-b", supervisor())) {
            // open() returns at the client's OPEN ack; the listener adds the session right after sending it.
            await("the listener lists the client", () -> !listener.peers().isEmpty());
            List<PeerInfo> atListener = listener.peers();
            assertEquals(WhatAmI.CLIENT, atListener.get(0).whatAmI(), "the listener read whatami=client from the INIT");
            assertEquals(WhatAmI.PEER, clientSession.peers().get(0).whatAmI());

            peer.join("m1");
            clientNode.join("m1");
            await("membership both ways", () -> peer.members().contains("node-b") && clientNode.members().contains("node-a"));
            assertEquals("node-a", deliver(peer, clientNode).sender());
            assertEquals("node-b", deliver(clientNode, peer).sender());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PeerMessage deliver(ZenohPeerMesh from, ZenohPeerMesh to) {
        List<PeerMessage> got = new CopyOnWriteArrayList<>();
        await("a mission message", () -> {
            if (got.isEmpty()) {
                from.publish("m1", List.of(new EmittedMessage("scout", 1, "swarm/hello", new byte[] {1})));
            }
            got.addAll(to.drain("m1"));
            return !got.isEmpty();
        });
        return got.get(0);
    }
}

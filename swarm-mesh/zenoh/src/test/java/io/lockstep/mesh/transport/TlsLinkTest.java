package io.lockstep.mesh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import io.lockstep.mesh.session.PeerInfo;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.RawPeer;
import io.lockstep.mesh.testing.TestFleetPki;
import io.lockstep.mesh.testing.TestSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** tls/ endpoints: mutual TLS with fleet certificates, each sample carrying its sender's certified identity. */
class TlsLinkTest {
    @RegisterExtension
    final TestSessions sessions = new TestSessions();
    @TempDir
    Path dir;

    @Test
    void fleetNodesTalkOverTlsAndEachSampleNamesItsCertifiedSender() throws Exception {
        TestFleetPki pki = new TestFleetPki(dir);
        Session a = sessions.open(Config.peer().listen("tls/127.0.0.1:0").tls(pki.node("node-a")));
        Session b = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)).tls(pki.node("node-b")));
        List<Sample> atA = new CopyOnWriteArrayList<>();
        List<Sample> atB = new CopyOnWriteArrayList<>();
        a.declareSubscriber("to-a/**", atA::add);
        b.declareSubscriber("to-b/**", atB::add);
        Await.until(() -> b.declarePublisher("to-a/x", PutOptions.DEFAULT).hasMatchingSubscribers()
                && a.declarePublisher("to-b/x", PutOptions.DEFAULT).hasMatchingSubscribers(), "subscriptions exchanged");

        b.put("to-a/x", "from b");
        a.put("to-b/x", "from a");
        a.put("to-a/own", "a to itself");

        Await.until(() -> atA.size() == 2 && atB.size() == 1, "samples over TLS");
        Sample fromB = atA.stream().filter(s -> s.keyExpr().equals("to-a/x")).findFirst().orElseThrow();
        Sample ownAtA = atA.stream().filter(s -> s.keyExpr().equals("to-a/own")).findFirst().orElseThrow();
        assertEquals("node-b", fromB.peerIdentity());
        assertEquals("from b", fromB.payloadAsString());
        assertEquals("node-a", atB.get(0).peerIdentity());
        assertEquals(null, ownAtA.peerIdentity(), "a session's own publication has no peer");
        assertEquals(List.of("node-b"), a.peers().stream().map(PeerInfo::identity).toList());
    }

    @Test
    void aPeerWithACertificateFromAnotherCaCannotJoin() throws Exception {
        TestFleetPki fleet = new TestFleetPki(dir.resolve("fleet"));
        TestFleetPki rogue = new TestFleetPki(dir.resolve("rogue"));
        Session a = sessions.open(Config.peer().listen("tls/127.0.0.1:0").tls(fleet.node("node-a")));

        Session intruder = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)).tls(rogue.node("node-x"))
                .reconnectBackoff(50, 100));
        Session friend = sessions.open(Config.peer().connect(a.listenEndpoints().get(0)).tls(fleet.node("node-b")));

        Await.until(() -> a.peers().size() == 1, "the fleet node joined");
        assertEquals("node-b", a.peers().get(0).identity());
        assertTrue(intruder.peers().isEmpty());
        assertEquals(1, friend.peers().size());
    }

    @Test
    void aPlainTcpPeerCannotJoinASessionThatRequiresTls() throws Exception {
        TestFleetPki pki = new TestFleetPki(dir);
        Session a = sessions.open(Config.peer().listen("tls/127.0.0.1:0").listen("tcp/127.0.0.1:0")
                .tls(pki.node("node-a")));
        String plainEndpoint = a.listenEndpoints().get(1);
        String tlsPortOverTcp = a.listenEndpoints().get(0).replace("tls/", "tcp/");

        Session overTcp = sessions.open(Config.peer().connect(plainEndpoint).reconnectBackoff(50, 100));
        Session plainToTls = sessions.open(Config.peer().connect(tlsPortOverTcp).reconnectBackoff(50, 100));

        Await.until(() -> a.unauthenticatedPeersRefused() >= 1, "the plain peer refused");
        assertTrue(a.peers().isEmpty());
        // Refused at its INIT, the plain peer never had a session to list.
        assertTrue(overTcp.peers().isEmpty());
        assertTrue(plainToTls.peers().isEmpty());
    }

    @Test
    void theListenerRefusesAPlainPeerAtItsInitWithoutEverSendingAnOpenAck() throws Exception {
        TestFleetPki pki = new TestFleetPki(dir);
        Session a = sessions.open(Config.peer().listen("tcp/127.0.0.1:0").tls(pki.node("node-a")));

        List<TransportMessage> replies = RawPeer.handshakeReplies(a.listenEndpoints().get(0));

        assertEquals(1, replies.size(), "only a CLOSE in answer to the INIT syn: " + replies);
        Close close = assertInstanceOf(Close.class, replies.get(0));
        assertEquals(Close.INVALID, close.reason());
        assertEquals(1, a.unauthenticatedPeersRefused());
        assertTrue(a.peers().isEmpty());
    }

    @Test
    void aSessionThatRequiresTlsRefusesAPlainListenerBeforeSendingItsOpen() throws Exception {
        TestFleetPki pki = new TestFleetPki(dir);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<TransportMessage> afterInitAck = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept(); TcpLink link = new TcpLink(socket)) {
                    link.setReadTimeout(30_000);
                    Init syn = (Init) TransportCodec.decode(link.read());
                    link.write(TransportCodec.encode(new Init(true, syn.version(), WhatAmI.PEER, ZenohId.random(),
                            syn.effectiveResolution(), 2048, new byte[16], syn.patch())));
                    return TransportCodec.decode(link.read());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            Session a = sessions.open(Config.peer().connect("tcp/127.0.0.1:" + server.getLocalPort())
                    .tls(pki.node("node-a")).reconnectBackoff(60_000, 60_000));

            TransportMessage answer = afterInitAck.get(30, TimeUnit.SECONDS);
            assertInstanceOf(Close.class, answer, "a CLOSE instead of the OPEN syn");
            assertEquals(1, a.unauthenticatedPeersRefused());
            assertTrue(a.peers().isEmpty());
        }
    }

    @Test
    void aTlsEndpointWithoutCertificatesIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> openListening("tls/127.0.0.1:0"));
    }

    private Session openListening(String listen) throws IOException {
        return sessions.open(Config.peer().listen(listen));
    }
}

package io.lockstep.mesh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.KeepAlive;
import io.lockstep.mesh.message.transport.Open;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The INIT/OPEN exchange on both sides, and its refusal of wrong versions, wrong cookies and garbage. */
class HandshakeTest {
    private static final TransportConfig CONFIG = new TransportConfig(ZenohId.random(), WhatAmI.PEER, 10_000, 4096,
            1 << 20, 64);
    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private TcpLink dial() throws IOException {
        return new TcpLink(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    }

    private CompletableFuture<TransportParams> acceptAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try (TcpLink link = new TcpLink(server.accept())) {
                return Handshake.accept(link, CONFIG, PeerAdmission.ANY);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void bothSidesAgreeOnParameters() throws Exception {
        CompletableFuture<TransportParams> accepted = acceptAsync();
        TransportConfig mine = new TransportConfig(ZenohId.random(), WhatAmI.CLIENT, 3_000, 2048, 1 << 20, 64);
        try (TcpLink link = dial()) {
            TransportParams initiated = Handshake.initiate(link, mine, PeerAdmission.ANY);
            TransportParams acceptor = accepted.get(10, TimeUnit.SECONDS);
            assertEquals(CONFIG.zid(), initiated.peerZid());
            assertEquals(mine.zid(), acceptor.peerZid());
            assertEquals(WhatAmI.CLIENT, acceptor.peerWhatAmI());
            assertEquals(2048, initiated.batchSize());
            assertEquals(2048, acceptor.batchSize());
            assertEquals(3_000, acceptor.peerLeaseMillis());
            assertEquals(10_000, initiated.peerLeaseMillis());
            assertEquals(initiated.localInitialSn(), acceptor.peerInitialSn());
            assertEquals(acceptor.localInitialSn(), initiated.peerInitialSn());
            assertEquals(1L << 28, initiated.snModulus());
            assertEquals(1, initiated.patch());
        }
    }

    private TransportMessage answerTo(byte[] first) throws Exception {
        CompletableFuture<TransportParams> accepted = acceptAsync();
        try (TcpLink link = dial()) {
            link.write(first);
            TransportMessage reply = TransportCodec.decode(link.read());
            Exception e = assertThrows(Exception.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertInstanceOf(HandshakeException.class, e.getCause());
            return reply;
        }
    }

    @Test
    void wrongVersionIsRefusedWithClose() throws Exception {
        TransportMessage reply = answerTo(TransportCodec.encode(new Init(false, 0x08, WhatAmI.PEER, ZenohId.random(),
                null, null, null, null)));
        assertEquals(Close.INVALID, ((Close) reply).reason());
    }

    @Test
    void garbageOrAnUnexpectedMessageIsRefusedWithClose() throws Exception {
        assertEquals(Close.INVALID, ((Close) answerTo(new byte[] {0x01, 0x09})).reason());
        assertEquals(Close.INVALID, ((Close) answerTo(TransportCodec.encode(new KeepAlive()))).reason());
    }

    @Test
    void openWithAForeignCookieIsRefused() throws Exception {
        CompletableFuture<TransportParams> accepted = acceptAsync();
        try (TcpLink link = dial()) {
            link.write(TransportCodec.encode(new Init(false, 9, WhatAmI.PEER, ZenohId.random(), null, null, null, null)));
            assertInstanceOf(Init.class, TransportCodec.decode(link.read()));
            link.write(TransportCodec.encode(new Open(false, 10_000, true, 0, new byte[] {1, 2, 3})));
            TransportMessage reply = TransportCodec.decode(link.read());
            assertEquals(Close.INVALID, ((Close) reply).reason());
            Exception e = assertThrows(Exception.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("cookie"), e.getCause().getMessage());
        }
    }
}

package io.lockstep.mesh.testing;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.network.NetworkMessage;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Frame;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.Open;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.TcpLink;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-driven Zenoh peer built from the codec alone: it does the handshake, then sends exactly what a test
 * tells it to (including garbage) and never sends keep-alives on its own.
 */
public final class RawPeer implements AutoCloseable {
    private final TcpLink link;
    private final ZenohId zid;
    private long sn;

    private RawPeer(TcpLink link, ZenohId zid) {
        this.link = link;
        this.zid = zid;
    }

    public static RawPeer connect(String endpoint, long leaseMillis) throws IOException {
        return connect(endpoint, leaseMillis, ZenohId.random());
    }

    /** A session as peer {@code zid}: a second one with the same id is that peer reconnecting. */
    public static RawPeer connect(String endpoint, long leaseMillis, ZenohId zid) throws IOException {
        Socket socket = new Socket();
        socket.connect(Endpoint.parse(endpoint).socketAddress(), 5_000);
        RawPeer p = new RawPeer(new TcpLink(socket), zid);
        p.link.write(TransportCodec.encode(new Init(false, 9, WhatAmI.PEER, p.zid, 0x0a, 2048, null, 1L)));
        Init ack = (Init) TransportCodec.decode(p.link.read());
        p.link.write(TransportCodec.encode(new Open(false, leaseMillis, false, 0, ack.cookie())));
        TransportCodec.decode(p.link.read());
        return p;
    }

    /**
     * Runs the handshake as far as the listener at {@code endpoint} lets it (INIT syn, and OPEN syn once an INIT
     * ack came) and returns every transport message the listener sent, up to its CLOSE or the end of the link.
     */
    public static List<TransportMessage> handshakeReplies(String endpoint) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(Endpoint.parse(endpoint).socketAddress(), 5_000);
            TcpLink link = new TcpLink(socket);
            link.setReadTimeout(30_000);
            link.write(TransportCodec.encode(new Init(false, 9, WhatAmI.PEER, ZenohId.random(), 0x0a, 2048, null, 1L)));
            List<TransportMessage> replies = new ArrayList<>();
            while (true) {
                TransportMessage m;
                try {
                    m = TransportCodec.decode(link.read());
                } catch (EOFException | SocketException e) {
                    return replies;
                }
                replies.add(m);
                if (m instanceof Close) {
                    return replies;
                }
                if (m instanceof Init ack && ack.ack()) {
                    link.write(TransportCodec.encode(new Open(false, 10_000, false, 0, ack.cookie())));
                }
            }
        }
    }

    public ZenohId zid() {
        return zid;
    }

    public void send(NetworkMessage... messages) throws IOException {
        link.write(TransportCodec.encode(new Frame(true, sn++, List.of(messages))));
    }

    /** Sends one transport message exactly as given (the length prefix is added). */
    public void sendRaw(byte[] transportMessage) throws IOException {
        link.write(transportMessage);
    }

    /** Reads until the session sends CLOSE (returned) or the link ends (null). */
    public Close awaitClose() throws IOException {
        link.setReadTimeout(30_000);
        while (true) {
            try {
                TransportMessage m = TransportCodec.decode(link.read());
                if (m instanceof Close c) {
                    return c;
                }
            } catch (EOFException | SocketException e) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        link.close();
    }
}

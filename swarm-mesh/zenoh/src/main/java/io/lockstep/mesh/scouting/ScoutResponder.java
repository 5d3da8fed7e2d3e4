package io.lockstep.mesh.scouting;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.scouting.Hello;
import io.lockstep.mesh.message.scouting.Scout;
import io.lockstep.mesh.message.scouting.ScoutingCodec;
import io.lockstep.mesh.message.scouting.ScoutingMessage;
import io.lockstep.mesh.transport.TransportConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.util.List;
import java.util.function.Supplier;

/** Answers SCOUT datagrams looking for our kind of node with a HELLO listing where we can be reached. */
public final class ScoutResponder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScoutResponder.class.getName());
    private final DatagramSocket socket;
    private final WhatAmI whatAmI;
    private final ZenohId zid;
    private final Supplier<List<String>> locators;
    private final Thread thread;

    private ScoutResponder(DatagramSocket socket, WhatAmI whatAmI, ZenohId zid, Supplier<List<String>> locators) {
        this.socket = socket;
        this.whatAmI = whatAmI;
        this.zid = zid;
        this.locators = locators;
        this.thread = new Thread(this::loop, "zenoh-scout-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on a multicast group such as 224.0.0.224:7446. */
    public static ScoutResponder multicast(InetSocketAddress group, WhatAmI whatAmI, ZenohId zid,
            Supplier<List<String>> locators) throws IOException {
        MulticastSocket socket = new MulticastSocket(group.getPort());
        socket.joinGroup(group.getAddress());
        return new ScoutResponder(socket, whatAmI, zid, locators);
    }

    /** Listens for unicast SCOUTs on {@code address} (port 0 picks one): no multicast involved. */
    public static ScoutResponder unicast(InetSocketAddress address, WhatAmI whatAmI, ZenohId zid,
            Supplier<List<String>> locators) throws IOException {
        return new ScoutResponder(new DatagramSocket(address), whatAmI, zid, locators);
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private void loop() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
                ScoutingMessage m = ScoutingCodec.decode(packet.getData(), packet.getLength());
                if (m instanceof Scout s && (s.what() & whatAmI.mask()) != 0) {
                    byte[] hello = ScoutingCodec.encode(new Hello(TransportConfig.PROTOCOL_VERSION, whatAmI, zid, locators.get()));
                    socket.send(new DatagramPacket(hello, hello.length, packet.getSocketAddress()));
                }
            } catch (MalformedMessageException e) {
                LOG.log(System.Logger.Level.DEBUG, "ignoring malformed scouting datagram: {0}", e.getMessage());
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "scouting responder error: {0}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

package io.lockstep.mesh.scouting;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.scouting.Hello;
import io.lockstep.mesh.message.scouting.Scout;
import io.lockstep.mesh.message.scouting.ScoutingCodec;
import io.lockstep.mesh.message.scouting.ScoutingMessage;
import io.lockstep.mesh.transport.TransportConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends SCOUT to a (multicast or unicast) address and collects the HELLOs that come back. */
public final class Scouter {
    private Scouter() {
    }

    /** Parses "host:port", e.g. the default "224.0.0.224:7446". */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("scouting address '" + hostPort + "' must be host:port");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /**
     * @param what bit set of {@link io.lockstep.mesh.message.WhatAmI#mask()} values to look for
     * @return one HELLO per distinct node that answered within {@code duration}
     */
    public static List<Hello> scout(InetSocketAddress target, int what, ZenohId self, Duration duration) throws IOException {
        Map<ZenohId, Hello> found = new LinkedHashMap<>();
        byte[] scout = ScoutingCodec.encode(new Scout(TransportConfig.PROTOCOL_VERSION, what, self));
        long deadline = System.nanoTime() + duration.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(scout, scout.length, target));
            byte[] buf = new byte[2048];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                try {
                    ScoutingMessage m = ScoutingCodec.decode(packet.getData(), packet.getLength());
                    if (m instanceof Hello h && !h.zid().equals(self)) {
                        found.putIfAbsent(h.zid(), h);
                    }
                } catch (MalformedMessageException ignored) {
                    // someone else's garbage on the scouting port
                }
            }
        }
        return List.copyOf(found.values());
    }
}

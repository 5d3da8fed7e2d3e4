package io.lockstep.mesh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.testing.Await;
import io.lockstep.mesh.testing.TestSessions;
import io.lockstep.mesh.transport.Endpoint;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections that never speak hold no thread: 300 idle ones leave the thread count bounded, the excess is closed
 * at once (longest-silent first), and a real peer still gets in.
 */
class HandshakeCapTest {
    private static final int IDLE_CONNECTIONS = 300;
    @RegisterExtension
    final TestSessions sessions = new TestSessions();
    private final List<Socket> idle = new ArrayList<>();

    @AfterEach
    void close() {
        for (Socket s : idle) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing test sockets
            }
        }
    }

    private static long acceptThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("zenoh-accept-") || t.getName().startsWith("zenoh-listen-"))
                .count();
    }

    @Test
    void idleConnectionsHoldNoThreadsAndARealPeerStillConnects() throws Exception {
        Session listener = sessions.listener();
        Endpoint endpoint = Endpoint.parse(listener.listenEndpoints().get(0));
        int threadsBefore = Thread.activeCount();

        for (int i = 0; i < IDLE_CONNECTIONS; i++) {
            idle.add(new Socket(endpoint.host(), endpoint.port()));
        }
        long excess = IDLE_CONNECTIONS - PeerListener.MAX_IDLE_CONNECTIONS;
        Await.until(() -> listener.core().refusedConnections() >= excess, "the connections over the cap closed");

        assertTrue(acceptThreads() <= 1 + PeerListener.MAX_HANDSHAKE_THREADS, "accept threads: " + acceptThreads());
        assertTrue(Thread.activeCount() - threadsBefore < 20,
                "threads grew from " + threadsBefore + " to " + Thread.activeCount());
        assertTrue(listener.core().refusedConnections() >= excess);

        Session peer = sessions.connectedTo(listener);
        listener.put("cap/check", "x");
        assertEquals(1, peer.peers().size());
        assertEquals(1, listener.peers().size());
        // The peer got in by evicting the longest-silent connection, not by waiting for the idle ones to time out.
        assertTrue(listener.core().refusedConnections() < IDLE_CONNECTIONS,
                "refused " + listener.core().refusedConnections());
    }
}

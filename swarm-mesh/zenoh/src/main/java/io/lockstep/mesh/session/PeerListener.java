package io.lockstep.mesh.session;

import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.Handshake;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.mesh.transport.TransportParams;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/** Accepts TCP connections on one listen endpoint and runs the handshake for each on its own thread. */
final class PeerListener {
    private static final System.Logger LOG = System.getLogger(PeerListener.class.getName());
    private static final long ACCEPT_EXIT_WAIT_MS = 5_000;
    private final SessionCore core;
    private final ServerSocket server;
    private final Endpoint endpoint;
    private final Thread thread;

    PeerListener(SessionCore core, Endpoint requested) throws IOException {
        this.core = core;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(requested.socketAddress());
        this.endpoint = requested.withPort(server.getLocalPort());
        this.thread = new Thread(this::acceptLoop, "zenoh-listen-" + endpoint);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The endpoint actually bound (port 0 resolved). */
    Endpoint endpoint() {
        return endpoint;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> handshake(socket), "zenoh-accept-" + socket.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed on {0}: {1}", endpoint, e.getMessage());
            }
        }
    }

    private void handshake(Socket socket) {
        TcpLink link;
        try {
            link = new TcpLink(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        try {
            TransportParams params = Handshake.accept(link, core.transportConfig());
            core.opened(link, params);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "refused session from {0}: {1}", link.remote(), e.getMessage());
            link.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket we could not use
        }
    }

    /**
     * Closes the listen socket and waits for the accept thread to leave. The JDK only releases the port once the
     * thread blocked in accept() has returned, so without the wait a new listener on the same port, opened right
     * after close() returns, can fail with "Address already in use".
     */
    void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(ACCEPT_EXIT_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.lockstep.mesh.session;

import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.Handshake;
import io.lockstep.mesh.transport.Links;
import io.lockstep.mesh.transport.PeerTransport;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.mesh.transport.TransportParams;
import java.io.IOException;

/**
 * Keeps a session open to one connect endpoint: connects, waits for the session to end, and reconnects with an
 * exponential backoff. Each new session re-sends all our declarations.
 */
final class PeerConnector {
    private static final System.Logger LOG = System.getLogger(PeerConnector.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private final SessionCore core;
    private final Endpoint endpoint;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile PeerTransport current;
    private volatile boolean everConnected;

    PeerConnector(SessionCore core, Endpoint endpoint) {
        this.core = core;
        this.endpoint = endpoint;
        this.thread = new Thread(this::loop, "zenoh-connect-" + endpoint);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** One attempt, synchronously: used at open so a session starts connected when the peer is there. */
    PeerTransport connectOnce() throws IOException {
        TcpLink link = Links.connect(endpoint, core.config().tls(), CONNECT_TIMEOUT_MS);
        try {
            TransportParams params = Handshake.initiate(link, core.transportConfig(), core.admission());
            current = core.opened(link, params);
            everConnected = true;
            return current;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private void loop() {
        long delay = core.config().reconnectInitialMillis();
        while (running) {
            PeerTransport t = current;
            try {
                if (t == null || t.isClosed()) {
                    current = null;
                    t = connectOnce();
                    delay = core.config().reconnectInitialMillis();
                }
                t.awaitClosed();
                current = null;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "connect to {0} failed: {1}; retrying in {2} ms", endpoint, e.getMessage(), delay);
            }
            if (current == null && running) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                delay = Math.min(delay * 2, core.config().reconnectMaxMillis());
            }
        }
    }

    /** True while a session this connector had is lost and not yet re-established. */
    boolean reconnecting() {
        PeerTransport t = current;
        return running && everConnected && (t == null || t.isClosed());
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void close() {
        running = false;
        thread.interrupt();
    }
}

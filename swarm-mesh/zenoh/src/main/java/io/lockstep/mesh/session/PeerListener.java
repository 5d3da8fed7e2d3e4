package io.lockstep.mesh.session;

import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.Handshake;
import io.lockstep.mesh.transport.Links;
import io.lockstep.mesh.transport.TcpLink;
import io.lockstep.mesh.transport.TransportParams;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts connections on one listen endpoint. A connection costs no thread until its first bytes arrive: one
 * selector thread holds every connection that has said nothing yet (at most {@link #MAX_IDLE_CONNECTIONS}, each for
 * at most the handshake timeout; past the cap the longest-silent one is closed at once), then a bounded pool
 * ({@link #MAX_HANDSHAKE_THREADS}) runs the TLS and Zenoh handshakes (a connection that speaks while all are busy is
 * closed at once). Every such closing is counted, idle or slow connections cannot exhaust threads, and a real peer,
 * which speaks as soon as it connects, still gets in.
 */
final class PeerListener {
    private static final System.Logger LOG = System.getLogger(PeerListener.class.getName());
    private static final long ACCEPT_EXIT_WAIT_MS = 5_000;
    static final int MAX_IDLE_CONNECTIONS = 256;
    static final int MAX_HANDSHAKE_THREADS = 16;
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long SELECT_MS = 250;
    private final SessionCore core;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Endpoint endpoint;
    private final Thread thread;
    private final ThreadPoolExecutor handshakes;
    private final AtomicLong refused = new AtomicLong();
    /** Keys of connections that have not spoken yet, oldest first (cancelled ones are skipped lazily). */
    private final java.util.ArrayDeque<SelectionKey> waiting = new java.util.ArrayDeque<>();
    private int idle;

    PeerListener(SessionCore core, Endpoint requested) throws IOException {
        this.core = core;
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(requested.socketAddress());
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.endpoint = requested.withPort(server.socket().getLocalPort());
        this.thread = new Thread(this::selectLoop, "zenoh-listen-" + endpoint);
        thread.setDaemon(true);
        this.handshakes = new ThreadPoolExecutor(0, MAX_HANDSHAKE_THREADS, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "zenoh-accept-" + endpoint);
                    t.setDaemon(true);
                    return t;
                });
    }

    void start() {
        thread.start();
    }

    /** The endpoint actually bound (port 0 resolved). */
    Endpoint endpoint() {
        return endpoint;
    }

    /** Connections closed unheard because too many were idle or handshaking, or idle past the handshake timeout. */
    long refusedConnections() {
        return refused.get();
    }

    private void selectLoop() {
        try {
            while (server.isOpen()) {
                selector.select(SELECT_MS);
                List<SocketChannel> spoke = new ArrayList<>();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        key.cancel();
                        waiting.remove(key);
                        idle--;
                        spoke.add((SocketChannel) key.channel());
                    }
                }
                if (!spoke.isEmpty()) {
                    selector.selectNow(); // completes the deregistrations, so the channels may turn blocking
                    spoke.forEach(this::handOver);
                }
                expireIdle();
            }
        } catch (ClosedSelectorException e) {
            // closed
        } catch (IOException e) {
            if (server.isOpen()) {
                LOG.log(System.Logger.Level.WARNING, "listener on {0} failed: {1}", endpoint, e.getMessage());
            }
        }
    }

    private void accept() {
        SocketChannel channel;
        while (true) {
            try {
                channel = server.accept();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed on {0}: {1}", endpoint, e.getMessage());
                return;
            }
            if (channel == null) {
                return;
            }
            if (idle >= MAX_IDLE_CONNECTIONS) {
                evictOldestIdle();
            }
            try {
                channel.configureBlocking(false);
                waiting.add(channel.register(selector, SelectionKey.OP_READ, System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MS)));
                idle++;
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /**
     * Closes the connection that has been silent longest, making room for the newcomer: a real peer speaks within
     * milliseconds of connecting, so it is not the one evicted unless the listener is flooded faster than that.
     */
    private void evictOldestIdle() {
        SelectionKey oldest;
        while ((oldest = waiting.poll()) != null) {
            if (oldest.isValid()) {
                oldest.cancel();
                idle--;
                refuse((SocketChannel) oldest.channel(), "too many connections waiting for a handshake");
                return;
            }
        }
    }

    /** The connection's first bytes arrived: hand it to a handshake thread, or close it when all are busy. */
    private void handOver(SocketChannel channel) {
        try {
            channel.configureBlocking(true);
            handshakes.execute(() -> handshake(channel));
        } catch (RejectedExecutionException e) {
            refuse(channel, "too many handshakes in progress");
        } catch (IOException e) {
            closeQuietly(channel);
        }
    }

    private void expireIdle() {
        long now = System.nanoTime();
        SelectionKey key;
        while ((key = waiting.peek()) != null) {
            if (!key.isValid()) {
                waiting.poll();
            } else if (key.attachment() instanceof Long deadline && now - deadline > 0) {
                waiting.poll();
                key.cancel();
                idle--;
                refuse((SocketChannel) key.channel(), "silent for " + HANDSHAKE_TIMEOUT_MS + " ms");
            } else {
                return; // the rest connected later
            }
        }
    }

    private void refuse(SocketChannel channel, String why) {
        long n = refused.incrementAndGet();
        if (n <= 10 || n % 100 == 0) {
            LOG.log(System.Logger.Level.WARNING, "closed a connection to {0} unheard ({1}; {2} so far)", endpoint, why, n);
        }
        closeQuietly(channel);
    }

    private void handshake(SocketChannel channel) {
        TcpLink link;
        try {
            link = Links.over(channel.socket(), endpoint, core.config().tls(), false, HANDSHAKE_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "refused a connection on {0}: {1}", endpoint, e.getMessage());
            closeQuietly(channel);
            return;
        }
        try {
            TransportParams params = Handshake.accept(link, core.transportConfig(), core.admission());
            core.opened(link, params);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "refused session from {0}: {1}", link.remote(), e.getMessage());
            link.close();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with a connection we could not use
        }
    }

    /**
     * Closes the listen socket and waits for the selector thread to leave, so that a new listener on the same port,
     * opened right after close() returns, does not fail with "Address already in use".
     */
    void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        selector.wakeup();
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(ACCEPT_EXIT_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException ignored) {
            // best effort
        }
        handshakes.shutdownNow();
    }
}

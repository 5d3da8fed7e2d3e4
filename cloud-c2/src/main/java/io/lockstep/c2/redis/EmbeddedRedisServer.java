package io.lockstep.c2.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * One real {@code redis-server} process (the binary shipped in embedded-redis) bound to the loopback
 * interface, persisting with an append-only file in a data directory so a restarted C2 finds its state.
 */
public final class EmbeddedRedisServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedisServer.class);

    private final Path dataDir;
    private final int port;
    private final RedisServer server;
    private final EmbeddedRedisOwnership ownership;

    private EmbeddedRedisServer(Path dataDir, int port, RedisServer server, EmbeddedRedisOwnership ownership) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
        this.ownership = ownership;
    }

    /** Starts redis-server on {@code requestedPort} (0: a free loopback port) and waits until it accepts connections. */
    public static EmbeddedRedisServer start(Path dataDir, int requestedPort) {
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            EmbeddedRedisOwnership ownership = new EmbeddedRedisOwnership(dir);
            ownership.clearLeftovers();
            int port = requestedPort > 0 ? requestedPort : freeLoopbackPort();
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    // Quoted so a data directory with spaces survives redis.conf parsing.
                    .setting("dir \"" + dir.toString().replace("\"", "\\\"") + "\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .build();
            server.start();
            ownership.record(port);
            LOG.infof("Embedded redis-server listening on 127.0.0.1:%d, data in %s", port, dir);
            return new EmbeddedRedisServer(dir, port, server, ownership);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded redis-server in " + dataDir, e);
        }
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isActive() {
        return server.isActive();
    }

    public void stop() {
        try {
            if (server.isActive()) {
                server.stop();
                LOG.infof("Embedded redis-server on port %d stopped", port);
            }
            ownership.forget();
        } catch (IOException e) {
            LOG.warnf(e, "Embedded redis-server on port %d did not stop cleanly", port);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

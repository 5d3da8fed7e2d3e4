package io.lockstep.cli.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** The real redis-server binary shipped in embedded-redis, on loopback, persisting to a data directory. */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final RedisServer server;

    public RedisServerProcess(Path dataDir) {
        this.port = FreePort.pick();
        try {
            Files.createDirectories(dataDir);
            this.server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .onShutdownForceStop(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare redis-server", e);
        }
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start", e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not stop", e);
        }
    }
}

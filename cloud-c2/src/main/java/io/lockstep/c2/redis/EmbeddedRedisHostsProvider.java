package io.lockstep.c2.redis;

import io.lockstep.c2.config.C2Config;
import io.quarkus.arc.Unremovable;
import io.quarkus.redis.client.RedisHostsProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.common.annotation.Identifier;
import java.net.URI;
import java.util.Set;

/**
 * Supplies the Redis address when {@code quarkus.redis.hosts} is not configured (the zero-setup default).
 *
 * <p>The Quarkus Redis client asks its hosts provider for an address while it creates the client, before
 * any connection is opened, so starting redis-server inside {@link #getHosts()} guarantees the server is
 * up first. When {@code quarkus.redis.hosts} is set the client never calls this provider and nothing is
 * started.
 */
@ApplicationScoped
@Unremovable
@Identifier(EmbeddedRedisHostsProvider.NAME)
public class EmbeddedRedisHostsProvider implements RedisHostsProvider {

    public static final String NAME = "lockstep-embedded-redis";

    @Inject
    C2Config config;

    private EmbeddedRedisServer server;

    @Override
    public synchronized Set<URI> getHosts() {
        if (server == null || !server.isActive()) {
            server = EmbeddedRedisServer.start(config.redis().dataDir(), config.redis().port());
        }
        return Set.of(server.uri());
    }

    /** The running embedded server, or null when Redis is external or not asked for yet. */
    public synchronized EmbeddedRedisServer server() {
        return server;
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}

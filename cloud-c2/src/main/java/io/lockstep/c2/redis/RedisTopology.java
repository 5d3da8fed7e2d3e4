package io.lockstep.c2.redis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether C2's Redis is a Redis Cluster ({@code quarkus.redis.client-type=cluster}). A cluster refuses a script
 * or pipeline whose keys lie in different slots, so code that batches many nodes' keys into one call splits it
 * per node there; on a standalone Redis it keeps the single call.
 */
@ApplicationScoped
public class RedisTopology {

    private final boolean cluster;

    public RedisTopology(@ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.cluster = "cluster".equalsIgnoreCase(clientType.trim());
    }

    public boolean cluster() {
        return cluster;
    }
}

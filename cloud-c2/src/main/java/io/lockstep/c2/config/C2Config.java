package io.lockstep.c2.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every {@code lockstep.c2.*} setting of the C2 service (see docs/c2.md). */
@ConfigMapping(prefix = "lockstep.c2")
public interface C2Config {

    /** Name this C2 instance reports in Welcome; defaults to a random id chosen at startup. */
    Optional<String> instanceId();

    Redis redis();

    Uploads modules();

    Uploads models();

    Api api();

    Otlp otlp();

    Link link();

    Swarm swarm();

    interface Swarm {
        /** Side of the square cells a mission's area is cut into for the nodes to share (metres). */
        @WithDefault("20")
        double cellSizeM();
    }

    interface Redis {
        /** Where the embedded redis-server keeps its append-only file (used only without quarkus.redis.hosts). */
        @WithDefault("lockstep-c2-data")
        Path dataDir();

        /** Port of the embedded redis-server; 0 picks a free loopback port. */
        @WithDefault("0")
        int port();
    }

    interface Uploads {
        /** Largest accepted upload in bytes. */
        long maxBytes();
    }

    interface Link {
        /** How long a new link stream may stay silent before its Hello; then it is closed. */
        @WithDefault("10s")
        Duration helloTimeout();
    }

    interface Otlp {
        /**
         * OTLP/gRPC collector for C2's spans, or "off" (the default): spans are then recorded but not
         * exported. Read by {@link io.lockstep.c2.trace.DiscardingSpanExporter}.
         */
        @WithDefault("off")
        String endpoint();
    }

    interface Api {
        /** Largest accepted JSON request body in bytes. */
        @WithDefault("1048576")
        long maxJsonBytes();
    }
}

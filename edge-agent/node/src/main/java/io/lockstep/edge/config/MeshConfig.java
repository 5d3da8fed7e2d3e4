package io.lockstep.edge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** {@code lockstep.mesh.*}: the node's Zenoh session towards its peers (off by default). */
@ConfigMapping(prefix = "lockstep.mesh")
public interface MeshConfig {

    @WithDefault("false")
    boolean enabled();

    /** Zenoh endpoints to listen on, e.g. {@code tcp/0.0.0.0:7447}. */
    Optional<List<String>> listen();

    /** Zenoh endpoints of peers or a router to connect to. */
    Optional<List<String>> connect();

    /** Multicast scouting for peers on the local network. */
    @WithDefault("false")
    boolean scouting();
}

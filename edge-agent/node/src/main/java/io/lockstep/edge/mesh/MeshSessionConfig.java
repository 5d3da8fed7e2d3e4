package io.lockstep.edge.mesh;

import io.lockstep.mesh.api.Config;

/** The Zenoh session configuration of the node's mesh: its mode, endpoints, scouting and lease (TLS: {@link MeshTls}). */
public final class MeshSessionConfig {

    private MeshSessionConfig() {
    }

    public static Config of(MeshSettings settings) {
        Config config = Config.peer().mode(settings.mode()).multicastScouting(settings.scouting())
                .leaseMillis(settings.leaseMillis());
        settings.listen().forEach(config::listen);
        settings.connect().forEach(config::connect);
        return config;
    }
}

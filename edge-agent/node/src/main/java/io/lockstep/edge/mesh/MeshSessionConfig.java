package io.lockstep.edge.mesh;

import io.lockstep.edge.os.RealTimeReaders;
import io.lockstep.edge.os.ThreadNice;
import io.lockstep.mesh.api.Config;

/**
 * The Zenoh session configuration of the node's mesh: its mode, endpoints, scouting, lease, and the priority of the
 * transport threads (TLS: {@link MeshTls}).
 */
public final class MeshSessionConfig {

    private MeshSessionConfig() {
    }

    public static Config of(MeshSettings settings) {
        return of(settings, new ThreadNice(settings.threadNice()));
    }

    /**
     * As {@link #of(MeshSettings)}, each transport's reader and writer raised by {@code priority}, and each reader
     * real-time within its CPU budget where {@code priority} has a real-time class ({@link RealTimeReaders}).
     */
    public static Config of(MeshSettings settings, ThreadNice priority) {
        Config config = Config.peer().mode(settings.mode()).multicastScouting(settings.scouting())
                .leaseMillis(settings.leaseMillis()).transportThreadStart(priority::raiseCurrentThreadLater);
        RealTimeReaders readers = RealTimeReaders.of(priority, MeshClock.SYSTEM::threadCpuNanos);
        if (readers.enabled()) {
            config.transportReaderHandled(readers::handled);
        }
        settings.listen().forEach(config::listen);
        settings.connect().forEach(config::connect);
        return config;
    }
}

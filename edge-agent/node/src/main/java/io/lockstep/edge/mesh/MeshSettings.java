package io.lockstep.edge.mesh;

import java.nio.file.Path;
import java.util.List;

/**
 * Whether and how the node joins the Zenoh mesh; {@code leaseMillis} is the Zenoh transport lease and
 * {@code settleMillis} how long a lost peer (or a disagreeing digest) must persist before the node acts;
 * {@code tls} the node's fleet certificate for an authenticated mesh, or null (plain TCP, development).
 */
public record MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
        long leaseMillis, long settleMillis, MeshTlsFiles tls) {

    /** PEM files of a mesh with mutual TLS. */
    public record MeshTlsFiles(Path certificate, Path privateKey, Path rootCa) {
    }

    public static final long DEFAULT_LEASE_MILLIS = 2_000;
    public static final long DEFAULT_SETTLE_MILLIS = 1_000;
    public static final MeshSettings DISABLED = new MeshSettings(false, List.of(), List.of(), false);

    public MeshSettings {
        listen = List.copyOf(listen);
        connect = List.copyOf(connect);
        if (leaseMillis < 1 || settleMillis < 0) {
            throw new IllegalArgumentException("lockstep.mesh.lease must be positive and settle-window not negative");
        }
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
            long leaseMillis, long settleMillis) {
        this(enabled, listen, connect, scouting, leaseMillis, settleMillis, null);
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting) {
        this(enabled, listen, connect, scouting, DEFAULT_LEASE_MILLIS, DEFAULT_SETTLE_MILLIS);
    }
}

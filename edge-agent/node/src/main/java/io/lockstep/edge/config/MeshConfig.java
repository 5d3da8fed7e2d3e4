package io.lockstep.edge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code lockstep.mesh.*}: the node's Zenoh session towards its peers (the fleet mesh, on by default). */
@ConfigMapping(prefix = "lockstep.mesh")
public interface MeshConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * {@code peer} (listens, connects to peers, keeps a local peer mesh) or {@code client} (attaches only to the
     * router or peer in {@code connect}, as a Zenoh client: no listen endpoints, no scouting).
     */
    @WithDefault("peer")
    String mode();

    /** Zenoh endpoints to listen on, e.g. {@code tcp/0.0.0.0:7447}. */
    Optional<List<String>> listen();

    /** Zenoh endpoints of peers or a router to connect to. */
    Optional<List<String>> connect();

    /** Multicast scouting for peers on the local network. */
    @WithDefault("false")
    boolean scouting();

    /** Zenoh transport lease: a peer silent this long is gone (its liveliness token disappears). */
    @WithDefault("PT2S")
    Duration lease();

    /**
     * How long a peer's liveliness token must stay gone (or a peer's digest must keep disagreeing)
     * before the survivors take over its cells (or raise a divergence alert).
     */
    @WithDefault("PT1S")
    Duration settleWindow();

    /**
     * Linux nice value for the threads that carry e-stops and hazards between nodes (each Zenoh transport's reader
     * and writer) and the JVM's VM thread; 0 leaves them at the normal priority. Needs root or CAP_SYS_NICE; without
     * it the node logs why once and runs on (docs/hazards.md, "Scheduling").
     */
    @WithDefault("-10")
    int threadNice();

    /**
     * SCHED_RR priority (1..99) of the four safety threads that put an operator's e-stop and hazard and C2's
     * fleet-wide stop on the mesh: they only run what other threads hand them, so a flood cannot keep them busy.
     * Each transport's reader gets it too while its peer's traffic stays within a CPU budget (a tenth of a core;
     * {@code RealTimeReaders}), the nice value past it. 0 gives them all {@link #threadNice()} instead. Needs root, CAP_SYS_NICE or an RLIMIT_RTPRIO this high; without,
     * they get the nice value and the node logs why once (docs/hazards.md, "Scheduling").
     */
    @WithDefault("10")
    int safetyThreadsRealTimePriority();

    /** Mutual TLS for {@code tls/} endpoints (see docs/mesh-security.md); on when all three files are set. */
    Tls tls();

    interface Tls {
        /** PEM certificate chain of this node from the fleet CA (the same file as {@code lockstep.node.c2.tls.cert}). */
        Optional<Path> certificate();

        /** PEM (PKCS#8) private key of that certificate. */
        Optional<Path> privateKey();

        /** PEM certificate of the fleet CA: only peers with a certificate it issued may join. */
        Optional<Path> rootCa();
    }
}

package io.lockstep.edge.mesh;

import io.lockstep.mesh.message.WhatAmI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether and how the node joins the Zenoh mesh; {@code leaseMillis} is the Zenoh transport lease and
 * {@code settleMillis} how long a lost peer (or a disagreeing digest) must persist before the node acts;
 * {@code tls} the node's fleet certificate for an authenticated mesh, or null (plain TCP, development);
 * {@code mode} the Zenoh role of the node's session: {@link WhatAmI#PEER} or {@link WhatAmI#CLIENT};
 * {@code threadNice} the Linux nice value of the threads that carry e-stops and hazards (0: unchanged);
 * {@code safetyThreadsRealTimePriority} the SCHED_RR priority of the safety threads that put an operator's or C2's
 * stop and hazard on the mesh, and of each transport's reader within its CPU budget (0: the nice value, as the
 * others).
 */
public record MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
        long leaseMillis, long settleMillis, MeshTlsFiles tls, WhatAmI mode, int threadNice,
        int safetyThreadsRealTimePriority) {

    /** PEM files of a mesh with mutual TLS. */
    public record MeshTlsFiles(Path certificate, Path privateKey, Path rootCa) {
    }

    public static final long DEFAULT_LEASE_MILLIS = 2_000;
    public static final long DEFAULT_SETTLE_MILLIS = 1_000;
    public static final int DEFAULT_THREAD_NICE = -10;
    public static final int DEFAULT_SAFETY_THREADS_REAL_TIME_PRIORITY = 10;
    public static final MeshSettings DISABLED = new MeshSettings(false, List.of(), List.of(), false);

    public MeshSettings {
        listen = List.copyOf(listen);
        connect = List.copyOf(connect);
        if (leaseMillis < 1 || settleMillis < 0) {
            throw new IllegalArgumentException("lockstep.mesh.lease must be positive and settle-window not negative");
        }
        if (threadNice < -20 || threadNice > 19) {
            throw new IllegalArgumentException("lockstep.mesh.thread-nice must be -20..19, got " + threadNice);
        }
        if (safetyThreadsRealTimePriority < 0 || safetyThreadsRealTimePriority > 99) {
            throw new IllegalArgumentException("lockstep.mesh.safety-threads-real-time-priority must be 0..99, got "
                    + safetyThreadsRealTimePriority);
        }
        if (mode == WhatAmI.ROUTER) {
            throw new IllegalArgumentException("lockstep.mesh.mode must be peer or client: a node is not a Zenoh router");
        }
        if (enabled && mode == WhatAmI.CLIENT) {
            if (connect.isEmpty()) {
                throw new IllegalArgumentException(
                        "lockstep.mesh.mode=client needs lockstep.mesh.connect: the router (or peer) to attach to");
            }
            if (!listen.isEmpty() || scouting) {
                throw new IllegalArgumentException("lockstep.mesh.mode=client attaches only to lockstep.mesh.connect: "
                        + "leave lockstep.mesh.listen empty and lockstep.mesh.scouting off");
            }
        }
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
            long leaseMillis, long settleMillis, MeshTlsFiles tls) {
        this(enabled, listen, connect, scouting, leaseMillis, settleMillis, tls, WhatAmI.PEER, DEFAULT_THREAD_NICE);
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
            long leaseMillis, long settleMillis, MeshTlsFiles tls, WhatAmI mode, int threadNice) {
        this(enabled, listen, connect, scouting, leaseMillis, settleMillis, tls, mode, threadNice,
                DEFAULT_SAFETY_THREADS_REAL_TIME_PRIORITY);
    }

    /** {@code lockstep.mesh.mode}: {@code peer} or {@code client}, any case. */
    public static WhatAmI parseMode(String mode) {
        String m = mode.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "peer" -> WhatAmI.PEER;
            case "client" -> WhatAmI.CLIENT;
            default -> throw new IllegalArgumentException("lockstep.mesh.mode must be peer or client, got '" + mode + "'");
        };
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting,
            long leaseMillis, long settleMillis) {
        this(enabled, listen, connect, scouting, leaseMillis, settleMillis, null);
    }

    public MeshSettings(boolean enabled, List<String> listen, List<String> connect, boolean scouting) {
        this(enabled, listen, connect, scouting, DEFAULT_LEASE_MILLIS, DEFAULT_SETTLE_MILLIS);
    }
}

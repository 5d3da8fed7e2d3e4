package io.lockstep.mesh.api;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.session.SessionConfig;
import io.lockstep.mesh.transport.Endpoint;
import io.lockstep.mesh.transport.TlsSettings;
import io.lockstep.mesh.transport.TransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Session configuration, with the same vocabulary as Zenoh's JSON5 config: {@code mode}, {@code listen/endpoints},
 * {@code connect/endpoints}, {@code scouting/multicast/enabled}, {@code transport/link/tx/lease}...
 */
public final class Config {
    private WhatAmI mode = WhatAmI.PEER;
    private final List<String> listen = new ArrayList<>();
    private final List<String> connect = new ArrayList<>();
    private ZenohId id;
    private long leaseMillis = TransportConfig.DEFAULT_LEASE_MILLIS;
    private int batchSize = TransportConfig.DEFAULT_BATCH_SIZE;
    private int maxMessageSize = TransportConfig.DEFAULT_MAX_MESSAGE_SIZE;
    private int queueCapacity = TransportConfig.DEFAULT_QUEUE_CAPACITY;
    private long reconnectInitialMillis = 250;
    private long reconnectMaxMillis = 4_000;
    private boolean multicastScouting;
    private String scoutingGroup = "224.0.0.224:7446";
    private TlsSettings tls;
    private int maxDeclarationsPerPeer = SessionConfig.DEFAULT_MAX_DECLARATIONS_PER_PEER;
    private Runnable transportThreadStart = TransportConfig.NO_THREAD_START;
    private Runnable transportReaderHandled = TransportConfig.NO_THREAD_START;

    public static Config peer() {
        return new Config();
    }

    public static Config client(String routerEndpoint) {
        return new Config().mode(WhatAmI.CLIENT).connect(routerEndpoint);
    }

    /**
     * Reads the keys used by the CLI: {@code mode}, {@code listen}, {@code connect}
     * (comma-separated endpoints), {@code lease-ms}, {@code batch-size}, {@code scouting} (true/false),
     * {@code max-declarations-per-peer}.
     */
    public static Config fromMap(Map<String, String> values) {
        Config c = new Config();
        values.forEach((k, v) -> {
            switch (k) {
                case "mode": c.mode(WhatAmI.parse(v)); break;
                case "listen": split(v).forEach(c::listen); break;
                case "connect": split(v).forEach(c::connect); break;
                case "lease-ms": c.leaseMillis(Long.parseLong(v.trim())); break;
                case "batch-size": c.batchSize(Integer.parseInt(v.trim())); break;
                case "scouting": c.multicastScouting(Boolean.parseBoolean(v.trim())); break;
                case "tls": c.tls(tlsFromPaths(v)); break;
                case "max-declarations-per-peer": c.maxDeclarationsPerPeer(Integer.parseInt(v.trim())); break;
                default: break;
            }
        });
        return c;
    }

    /** {@code certificate.pem,private-key.pem,root-ca.pem} (the {@code tls} key of {@link #fromMap}). */
    private static TlsSettings tlsFromPaths(String v) {
        List<String> files = split(v);
        if (files.size() != 3) {
            throw new IllegalArgumentException("tls must be <certificate.pem>,<private-key.pem>,<root-ca.pem>");
        }
        try {
            return TlsSettings.fromPem(Path.of(files.get(0)), Path.of(files.get(1)), Path.of(files.get(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    public Config mode(WhatAmI value) {
        this.mode = value;
        return this;
    }

    /** Adds a listen endpoint such as {@code tcp/127.0.0.1:7447} (port 0 picks a free port). */
    public Config listen(String endpoint) {
        Endpoint.parse(endpoint);
        listen.add(endpoint);
        return this;
    }

    public Config connect(String endpoint) {
        Endpoint.parse(endpoint);
        connect.add(endpoint);
        return this;
    }

    public Config id(ZenohId value) {
        this.id = value;
        return this;
    }

    public Config leaseMillis(long value) {
        this.leaseMillis = value;
        return this;
    }

    public Config batchSize(int value) {
        this.batchSize = value;
        return this;
    }

    public Config maxMessageSize(int value) {
        this.maxMessageSize = value;
        return this;
    }

    public Config queueCapacity(int value) {
        this.queueCapacity = value;
        return this;
    }

    public Config reconnectBackoff(long initialMillis, long maxMillis) {
        this.reconnectInitialMillis = initialMillis;
        this.reconnectMaxMillis = maxMillis;
        return this;
    }

    /**
     * Most live declarations (subscribers, queryables, liveliness tokens, key-expression ids) one peer's transport
     * may hold; past it the transport is closed. Default {@link SessionConfig#DEFAULT_MAX_DECLARATIONS_PER_PEER}.
     */
    public Config maxDeclarationsPerPeer(int value) {
        this.maxDeclarationsPerPeer = value;
        return this;
    }

    /** Multicast scouting (SCOUT/HELLO on {@code group}); off unless asked for. */
    public Config multicastScouting(boolean enabled) {
        this.multicastScouting = enabled;
        return this;
    }

    public Config scoutingGroup(String hostPort) {
        this.scoutingGroup = hostPort;
        return this;
    }

    /**
     * Mutual TLS for {@code tls/} endpoints (Zenoh's {@code transport/link/tls}). With TLS set, only peers with a
     * certificate from the trusted CA can open a session, over any endpoint.
     */
    public Config tls(TlsSettings value) {
        this.tls = value;
        return this;
    }

    /**
     * Runs first on each peer transport's reader and writer thread, e.g. to raise their OS scheduling priority so
     * that what arrives from peers is read at once on a busy machine. Nothing by default.
     */
    public Config transportThreadStart(Runnable hook) {
        this.transportThreadStart = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /**
     * Runs on each peer transport's reader thread after every transport message it handled (a frame's messages all
     * delivered), e.g. to account for the CPU that peer's traffic takes (the node keeps its readers in a real-time
     * class only while they stay within a budget). Nothing by default.
     */
    public Config transportReaderHandled(Runnable hook) {
        this.transportReaderHandled = Objects.requireNonNull(hook, "hook");
        return this;
    }

    public WhatAmI mode() {
        return mode;
    }

    public boolean multicastScouting() {
        return multicastScouting;
    }

    public String scoutingGroup() {
        return scoutingGroup;
    }

    SessionConfig toSessionConfig() {
        return new SessionConfig(id == null ? ZenohId.random() : id, mode,
                listen.stream().map(Endpoint::parse).toList(), connect.stream().map(Endpoint::parse).toList(),
                leaseMillis, batchSize, maxMessageSize, queueCapacity, reconnectInitialMillis, reconnectMaxMillis,
                multicastScouting, scoutingGroup, tls, maxDeclarationsPerPeer, transportThreadStart,
                transportReaderHandled);
    }
}

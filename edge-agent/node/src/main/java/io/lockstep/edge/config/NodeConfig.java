package io.lockstep.edge.config;

import io.lockstep.proto.link.LatestLiveSample;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Every {@code lockstep.node.*} setting. The keys are a stable interface: docs/edge-node.md lists them. */
@ConfigMapping(prefix = "lockstep.node")
public interface NodeConfig {

    /** This node's id, as C2 knows it. */
    String id();

    /** Where the outbox, spool, command ledger, blob cache, missions and journals live. */
    @WithName("data-dir")
    @WithDefault("lockstep-data")
    Path dataDir();

    C2 c2();

    /** Node spans (docs/observability.md). */
    Tracing tracing();

    /** World file of the simulated vehicle (JSON); absent: the platform's built-in demo world. */
    Optional<Path> world();

    /** Start position (local frame, metres); absent: the world's base. */
    @WithName("start-x")
    Optional<Double> startX();

    @WithName("start-y")
    Optional<Double> startY();

    /** Initial battery fraction of the simulated vehicle. */
    @WithName("start-battery")
    @WithDefault("1.0")
    double startBattery();

    /** Tick period when the mission does not set one. */
    @WithName("tick-period-ms")
    @WithDefault("20")
    int tickPeriodMs();

    /** Telemetry rate towards C2 (the loop ticks faster; samples are downsampled to this). */
    @WithName("telemetry-hz")
    @WithDefault("10")
    double telemetryHz();

    /** The runtime writes a snapshot into the journal every this many ticks (bounds recovery time). */
    @WithName("snapshot-every")
    @WithDefault("250")
    int snapshotEvery();

    /** COMPILED (Wasm to JVM bytecode) or INTERPRETER. */
    @WithName("execution-mode")
    @WithDefault("COMPILED")
    String executionMode();

    /**
     * Threads that run a mission's agents within each tick; unset: every available processor. Results,
     * fingerprints and journals are the same for every count.
     */
    @WithName("runtime-workers")
    OptionalInt runtimeWorkers();

    /** How long to wait for C2 to deliver a module or model before the mission fails. */
    @WithName("blob-timeout-ms")
    @WithDefault("60000")
    long blobTimeoutMs();

    /** Whole tick periods without a tick before the dead-man's switch stops the vehicle. */
    @WithName("deadman-missed-periods")
    @WithDefault("10")
    int deadmanMissedPeriods();

    /** Battery fraction below which the supervisor returns to base. */
    @WithName("battery-reserve")
    @WithDefault("0.2")
    double batteryReserve();

    @WithName("outbox-max-entries")
    @WithDefault("100000")
    int outboxMaxEntries();

    @WithName("spool-max-entries")
    @WithDefault("36000")
    int spoolMaxEntries();

    /**
     * Linear memory the node admits for a mission's agents together, in MiB (agents x max_memory_pages x 64 KiB
     * must fit; advertised to C2 in the Hello). Unset: a quarter of the JVM's maximum heap.
     */
    @WithName("agent-memory-budget-mib")
    Optional<Long> agentMemoryBudgetMib();

    Debug debug();

    Inference inference();

    interface C2 {
        @WithDefault("127.0.0.1")
        String host();

        /** C2's gRPC port (C2's quarkus.grpc.server.port). */
        @WithDefault("9000")
        int port();

        /**
         * Several C2 replicas, {@code host:port,host:port,...}: the node links to the first and moves to the next
         * whenever a connection fails or the link is lost (docs/c2-replicas.md). When set, host and port are unused.
         */
        Optional<String> targets();

        @WithName("heartbeat-ms")
        @WithDefault("1000")
        long heartbeatMs();

        @WithName("handshake-timeout-ms")
        @WithDefault("10000")
        long handshakeTimeoutMs();

        @WithName("backoff-initial-ms")
        @WithDefault("250")
        long backoffInitialMs();

        @WithName("backoff-max-ms")
        @WithDefault("15000")
        long backoffMaxMs();

        /**
         * C2's mission signing public key, pinned: PEM text or the base64 of its X.509 DER (GET /api/v1/signing-key
         * on C2 gives both). With it the node refuses unsigned and altered assignments; unset: it accepts
         * unsigned ones with a warning (development). See docs/mission-approval.md.
         */
        Optional<String> missionSigningKey();

        /** The same key in a file (PEM or base64); used when mission-signing-key is unset. */
        Optional<Path> missionSigningKeyFile();

        /** How long an outbox entry may stay unacknowledged on a live link before it is sent again. */
        @WithName("resend-after-ms")
        @WithDefault("5000")
        long resendAfterMs();

        /**
         * Bytes queued in the link stream (not yet written to the connection) past which it is not ready, and live
         * telemetry waits latest-wins instead of queueing behind the transport (docs/edge-node.md). grpc-java's
         * own default is 32 KiB, hundreds of samples.
         */
        @WithName("on-ready-threshold-bytes")
        @WithDefault("" + LatestLiveSample.DEFAULT_ON_READY_THRESHOLD_BYTES)
        int onReadyThresholdBytes();

        Tls tls();
    }

    /** Mutual TLS: on when cert, key and trust are all set. */
    interface Tls {
        /** PEM certificate chain of this node, issued by the fleet CA. */
        Optional<Path> cert();

        /** PEM (PKCS#8) private key of that certificate. */
        Optional<Path> key();

        /** PEM certificates trusted for C2: the fleet CA, or C2's own certificate to pin it. */
        Optional<Path> trust();

        /** Name to verify C2's certificate against when it differs from {@code c2.host}. */
        Optional<String> authority();
    }

    interface Inference {
        /**
         * Run models on the GPU (CUDA) when the linked ONNX Runtime build offers it and a GPU is present;
         * false keeps inference on the CPU and advertises no GPU to C2.
         */
        @WithDefault("true")
        boolean gpu();
    }

    interface Tracing {
        /**
         * Trace one tick in this many (a {@code mission.tick} span, with its inference calls); 0 traces no
         * tick. Link and mission spans are always created.
         */
        @WithName("tick-sample-every")
        @WithDefault("100")
        int tickSampleEvery();
    }

    interface Debug {
        /** Allows the write operations (pause, step, inject, e-stop) of the debug port. */
        @WithName("write-enabled")
        @WithDefault("false")
        boolean writeEnabled();

        /** The token write requests must carry in {@code X-Lockstep-Debug-Token}. */
        Optional<String> token();

        /** Allows binding the debug port to something other than loopback (logged as a warning). */
        @WithName("allow-remote")
        @WithDefault("false")
        boolean allowRemote();

        /** Ticks kept in memory for {@code GET /debug/v1/ticks}. */
        @WithName("tick-ring-size")
        @WithDefault("4096")
        int tickRingSize();
    }
}

package io.lockstep.edge.app;

import io.lockstep.edge.config.MeshConfig;
import io.lockstep.edge.config.NodeConfig;
import io.lockstep.edge.link.LinkSettings;
import io.lockstep.edge.link.TlsFiles;
import io.lockstep.edge.mesh.MeshSettings;
import io.lockstep.edge.mesh.MeshTls;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.MemoryBudget;
import io.lockstep.runtime.MissionRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything an {@link EdgeNode} needs to start, as plain values (so tests and tools can start a
 * node without Quarkus). {@link #from(NodeConfig)} maps the {@code lockstep.node.*} configuration.
 */
public record NodeSettings(
        String nodeId,
        Path dataDir,
        LinkSettings link,
        Optional<Path> world,
        Optional<Double> startX,
        Optional<Double> startY,
        double startBattery,
        int tickPeriodMs,
        double telemetryHz,
        int snapshotEvery,
        ExecutionMode executionMode,
        long blobTimeoutMs,
        int deadmanMissedPeriods,
        double batteryReserve,
        int outboxMaxEntries,
        int spoolMaxEntries,
        int tickRingSize,
        MeshSettings mesh,
        boolean inferenceGpu,
        long agentMemoryBudgetBytes,
        int runtimeWorkers) {

    public NodeSettings {
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("lockstep.node.id must be set");
        }
        if (tickPeriodMs < 1 || !(telemetryHz > 0) || snapshotEvery < 0 || deadmanMissedPeriods < 1) {
            throw new IllegalArgumentException("tick period, telemetry rate and dead-man periods must be positive");
        }
        if (agentMemoryBudgetBytes < MemoryBudget.PAGE_BYTES) {
            throw new IllegalArgumentException("lockstep.node.agent-memory-budget-mib must be positive");
        }
        if (runtimeWorkers < 1) {
            throw new IllegalArgumentException("lockstep.node.runtime-workers must be at least 1, got " + runtimeWorkers);
        }
    }

    /** Test- and tool-friendly defaults: plaintext link to {@code 127.0.0.1:c2Port}, demo world. */
    public static NodeSettings defaults(String nodeId, Path dataDir, int c2Port) {
        return new NodeSettings(nodeId, dataDir,
                new LinkSettings("127.0.0.1", c2Port, Optional.empty(), 1_000, 10_000, 250, 15_000),
                Optional.empty(), Optional.empty(), Optional.empty(), 1.0, 20, 10.0, 250, ExecutionMode.COMPILED,
                60_000, 10, 0.2, 100_000, 36_000, 4096, MeshSettings.DISABLED, true, MemoryBudget.nodeDefaultBytes(),
                MissionRuntime.defaultWorkers());
    }

    public NodeSettings withLink(LinkSettings l) {
        return new NodeSettings(nodeId, dataDir, l, world, startX, startY, startBattery, tickPeriodMs, telemetryHz,
                snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, mesh, inferenceGpu, agentMemoryBudgetBytes, runtimeWorkers);
    }

    public NodeSettings withStart(double x, double y, double battery) {
        return new NodeSettings(nodeId, dataDir, link, world, Optional.of(x), Optional.of(y), battery, tickPeriodMs,
                telemetryHz, snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve,
                outboxMaxEntries, spoolMaxEntries, tickRingSize, mesh, inferenceGpu, agentMemoryBudgetBytes, runtimeWorkers);
    }

    public NodeSettings withWorld(Path file) {
        return new NodeSettings(nodeId, dataDir, link, Optional.of(file), startX, startY, startBattery, tickPeriodMs,
                telemetryHz, snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve,
                outboxMaxEntries, spoolMaxEntries, tickRingSize, mesh, inferenceGpu, agentMemoryBudgetBytes, runtimeWorkers);
    }

    public NodeSettings withTiming(int tickPeriod, int snapshots, int deadmanPeriods) {
        return new NodeSettings(nodeId, dataDir, link, world, startX, startY, startBattery, tickPeriod, telemetryHz,
                snapshots, executionMode, blobTimeoutMs, deadmanPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, mesh, inferenceGpu, agentMemoryBudgetBytes, runtimeWorkers);
    }

    public NodeSettings withAgentMemoryBudget(long bytes) {
        return new NodeSettings(nodeId, dataDir, link, world, startX, startY, startBattery, tickPeriodMs, telemetryHz,
                snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, mesh, inferenceGpu, bytes, runtimeWorkers);
    }

    /** {@code workers} threads run a mission's agents within each tick. */
    public NodeSettings withRuntimeWorkers(int workers) {
        return new NodeSettings(nodeId, dataDir, link, world, startX, startY, startBattery, tickPeriodMs, telemetryHz,
                snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, mesh, inferenceGpu, agentMemoryBudgetBytes, workers);
    }

    public NodeSettings withMesh(MeshSettings m) {
        return new NodeSettings(nodeId, dataDir, link, world, startX, startY, startBattery, tickPeriodMs, telemetryHz,
                snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, m, inferenceGpu, agentMemoryBudgetBytes, runtimeWorkers);
    }

    /** {@code enabled}: CUDA when the ONNX Runtime build offers it and a GPU is present; otherwise CPU only. */
    public NodeSettings withInferenceGpu(boolean enabled) {
        return new NodeSettings(nodeId, dataDir, link, world, startX, startY, startBattery, tickPeriodMs, telemetryHz,
                snapshotEvery, executionMode, blobTimeoutMs, deadmanMissedPeriods, batteryReserve, outboxMaxEntries,
                spoolMaxEntries, tickRingSize, mesh, enabled, agentMemoryBudgetBytes, runtimeWorkers);
    }

    public static NodeSettings from(NodeConfig c, MeshConfig meshConfig) {
        NodeConfig.Tls tls = c.c2().tls();
        Optional<TlsFiles> tlsFiles = Optional.empty();
        boolean any = tls.cert().isPresent() || tls.key().isPresent() || tls.trust().isPresent();
        if (any) {
            if (tls.cert().isEmpty() || tls.key().isEmpty() || tls.trust().isEmpty()) {
                throw new IllegalArgumentException(
                        "mutual TLS needs lockstep.node.c2.tls.cert, .key and .trust together");
            }
            tlsFiles = Optional.of(new TlsFiles(tls.cert().get(), tls.key().get(), tls.trust().get(), tls.authority()));
        }
        LinkSettings link = new LinkSettings(c.c2().host(), c.c2().port(), tlsFiles, c.c2().heartbeatMs(),
                c.c2().handshakeTimeoutMs(), c.c2().backoffInitialMs(), c.c2().backoffMaxMs(),
                c.c2().resendAfterMs()).withOnReadyThresholdBytes(c.c2().onReadyThresholdBytes());
        if (c.c2().targets().filter(t -> !t.isBlank()).isPresent()) {
            try {
                link = link.withTargets(io.lockstep.edge.link.C2Address.parseList(c.c2().targets().get()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lockstep.node.c2.targets: " + e.getMessage(), e);
            }
        }
        ExecutionMode mode;
        try {
            mode = ExecutionMode.valueOf(c.executionMode().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lockstep.node.execution-mode must be COMPILED or INTERPRETER, got "
                    + c.executionMode());
        }
        return new NodeSettings(c.id(), c.dataDir(), link, c.world(), c.startX(), c.startY(), c.startBattery(),
                c.tickPeriodMs(), c.telemetryHz(), c.snapshotEvery(), mode, c.blobTimeoutMs(),
                c.deadmanMissedPeriods(), c.batteryReserve(), c.outboxMaxEntries(), c.spoolMaxEntries(),
                c.debug().tickRingSize(), new MeshSettings(meshConfig.enabled(), meshConfig.listen().orElse(List.of()),
                        meshConfig.connect().orElse(List.of()), meshConfig.scouting(), meshConfig.lease().toMillis(),
                        meshConfig.settleWindow().toMillis(), MeshTls.files(meshConfig.tls()),
                        MeshSettings.parseMode(meshConfig.mode()), meshConfig.threadNice(),
                        meshConfig.safetyThreadsRealTimePriority()), c.inference().gpu(),
                c.agentMemoryBudgetMib().map(mib -> mib * 1024 * 1024).orElseGet(MemoryBudget::nodeDefaultBytes),
                c.runtimeWorkers().orElse(MissionRuntime.defaultWorkers()));
    }
}

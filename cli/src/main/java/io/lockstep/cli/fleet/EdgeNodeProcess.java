package io.lockstep.cli.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One edge node JVM: its id, ports and data directory, and how to reach its debug port. */
public final class EdgeNodeProcess implements AutoCloseable {
    private final String id;
    private final int debugPort;
    private final Path dataDir;
    private final ManagedProcess process;

    EdgeNodeProcess(LockstepHome home, String id, int c2GrpcPort, Path world, double startX, double startY,
            List<String> linkProperties, Path outDir) {
        this.id = id;
        this.debugPort = FreePort.pick();
        this.dataDir = outDir.resolve("nodes").resolve(id);
        List<String> properties = new ArrayList<>(List.of(
                "-Dlockstep.node.id=" + id,
                "-Dlockstep.node.c2.host=127.0.0.1",
                "-Dlockstep.node.c2.port=" + c2GrpcPort,
                "-Dlockstep.node.data-dir=" + dataDir.toAbsolutePath(),
                "-Dlockstep.node.world=" + world.toAbsolutePath(),
                "-Dlockstep.node.start-x=" + startX,
                "-Dlockstep.node.start-y=" + startY,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + debugPort,
                "-Dlockstep.node.debug.write-enabled=true",
                "-Dlockstep.node.debug.token=" + NodeDebugApi.FLEET_DEBUG_TOKEN));
        properties.addAll(linkProperties);
        this.process = new ManagedProcess(id, home.nodeJar(), properties, "256m", outDir.resolve("logs").resolve(id + ".log"));
    }

    public String id() {
        return id;
    }

    public int debugPort() {
        return debugPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public NodeDebugApi debug() {
        return new NodeDebugApi(debugPort);
    }

    public ManagedProcess process() {
        return process;
    }

    void start() {
        process.start();
    }

    void awaitReady(Duration timeout) {
        process.awaitHttpOk("http://127.0.0.1:" + debugPort + "/q/health/live", timeout);
    }

    /** Restarts after a crash or a stop, with the same identity, ports and data directory. */
    public void restart(Duration timeout) {
        process.stop();
        start();
        awaitReady(timeout);
    }

    @Override
    public void close() {
        process.stop();
    }
}

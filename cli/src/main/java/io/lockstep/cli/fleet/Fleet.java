package io.lockstep.cli.fleet;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.WorldFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole local fleet: real Redis, C2 and N edge nodes, each in its own process. Closing it stops
 * everything it started, in reverse order, even after a partial start.
 */
public final class Fleet implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Spacing of the vehicles' start positions east of the world's base, so they do not overlap. */
    private static final double START_SPACING_M = 3.0;

    private final RedisServerProcess redis;
    private final C2Process c2;
    private final List<EdgeNodeProcess> nodes = new ArrayList<>();

    private Fleet(RedisServerProcess redis, C2Process c2) {
        this.redis = redis;
        this.c2 = c2;
    }

    public static Fleet start(LockstepHome home, FleetSpec spec, PrintStream progress) {
        return start(home, spec, progress, List.of());
    }

    /** As {@link #start(LockstepHome, FleetSpec, PrintStream)}, with extra system properties for C2 (e.g. its token keys). */
    public static Fleet start(LockstepHome home, FleetSpec spec, PrintStream progress, List<String> c2Properties) {
        Vec2 base = baseOf(spec.world());
        RedisServerProcess redis = new RedisServerProcess(spec.outDir().resolve("redis"));
        Fleet fleet = null;
        try {
            redis.start();
            progress.println("  redis    " + redis.uri());
            FleetCertificates pki = spec.mutualTls() ? FleetCertificates.create(spec.outDir().resolve("pki")) : null;
            // C2 signs assignments with a key made for this fleet; every node pins its public half.
            FleetSigningKey signing = FleetSigningKey.create(spec.outDir().resolve("pki"));
            List<String> c2Extra = new ArrayList<>(pki == null ? List.of() : pki.c2Properties());
            c2Extra.addAll(signing.c2Properties());
            c2Extra.add("-Dlockstep.c2.approval.world=" + spec.world().toAbsolutePath());
            c2Extra.addAll(c2Properties);
            C2Process c2 = new C2Process(home, redis.uri(), c2Extra, spec.outDir());
            fleet = new Fleet(redis, c2);
            c2.start(START_TIMEOUT);
            progress.println("  c2       http://127.0.0.1:" + c2.httpPort() + "  (gRPC link on " + c2.grpcPort()
                    + (pki == null ? ", plaintext)" : ", mutual TLS with a throwaway fleet CA)"));
            List<Integer> meshPorts = new ArrayList<>();
            for (int i = 0; i < spec.nodeCount(); i++) {
                meshPorts.add(FreePort.pick());
            }
            for (int i = 0; i < spec.nodeCount(); i++) {
                String id = FleetSpec.nodeId(i);
                List<String> properties = new ArrayList<>(pki == null ? List.of() : pki.nodeProperties(id));
                properties.addAll(MeshEndpoints.nodeProperties(meshPorts, i,
                        pki == null ? List.of() : pki.meshProperties(id)));
                properties.addAll(signing.nodeProperties());
                EdgeNodeProcess node = new EdgeNodeProcess(home, id, c2.grpcPort(), spec.world(),
                        base.x() + i * START_SPACING_M, base.y(), properties, spec.outDir());
                fleet.nodes.add(node);
                node.start();
            }
            for (EdgeNodeProcess node : fleet.nodes) {
                node.awaitReady(START_TIMEOUT);
                progress.println("  " + pad(node.id(), 8) + " debug port http://127.0.0.1:" + node.debugPort() + "/debug/v1/status");
            }
            fleet.awaitNodesConnected(START_TIMEOUT);
            return fleet;
        } catch (RuntimeException e) {
            if (fleet != null) {
                fleet.close();
            } else {
                redis.close();
            }
            throw e;
        }
    }

    public C2Process c2() {
        return c2;
    }

    public List<EdgeNodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public List<String> nodeIds() {
        return nodes.stream().map(EdgeNodeProcess::id).toList();
    }

    /** Waits until C2 lists every node as connected over the link. */
    public void awaitNodesConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long connected = 0;
            for (var node : c2.api().nodes()) {
                if (nodeIds().contains(node.path("nodeId").asText())
                        && "CONNECTED".equals(node.path("linkState").asText())) {
                    connected++;
                }
            }
            if (connected == nodes.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connected + " of " + nodes.size()
                        + " nodes connected to C2 within " + timeout + "; see the node logs");
            }
            ManagedProcess.sleep(200);
        }
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        c2.close();
        redis.close();
    }

    /** The vehicles start side by side at the world's base, where a return-to-base brings them back. */
    private static Vec2 baseOf(Path world) {
        try {
            return WorldFile.load(world).base();
        } catch (InvalidWorldException e) {
            throw new IllegalArgumentException("invalid world file: " + e.getMessage(), e);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

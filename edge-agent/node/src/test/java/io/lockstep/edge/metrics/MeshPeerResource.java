package io.lockstep.edge.metrics;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeSettings;
import io.lockstep.edge.link.LinkSettings;
import io.lockstep.edge.mesh.MeshSettings;
import io.lockstep.edge.testing.FakeC2;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For the node under test: a fake C2 to dial, and a second, plain node ("node-peer", with its own fake C2)
 * listening on a loopback Zenoh endpoint that the node under test connects to.
 */
public class MeshPeerResource implements QuarkusTestResourceLifecycleManager {

    static volatile FakeC2 c2;
    static volatile FakeC2 peerC2;
    static volatile EdgeNode peer;

    @Override
    public Map<String, String> start() {
        try {
            int meshPort;
            try (ServerSocket s = new ServerSocket(0)) {
                meshPort = s.getLocalPort();
            }
            String endpoint = "tcp/127.0.0.1:" + meshPort;
            c2 = new FakeC2();
            peerC2 = new FakeC2();
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "mesh-peer-");
            NodeSettings settings = NodeSettings.defaults("node-peer", data, peerC2.port())
                    .withLink(new LinkSettings("127.0.0.1", peerC2.port(), Optional.empty(), 200, 5_000, 20, 200))
                    .withStart(10, 10, 1.0)
                    .withTiming(10, 50, 50)
                    .withMesh(new MeshSettings(true, List.of(endpoint), List.of(), false));
            peer = EdgeNode.start(settings, OpenTelemetry.noop());
            return Map.of("lockstep.node.c2.port", Integer.toString(c2.port()),
                    "lockstep.mesh.enabled", "true",
                    "lockstep.mesh.connect", endpoint,
                    "lockstep.node.start-x", "10",
                    "lockstep.node.start-y", "10");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (peer != null) {
                peer.close();
            }
            if (peerC2 != null) {
                peerC2.close();
            }
            if (c2 != null) {
                c2.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

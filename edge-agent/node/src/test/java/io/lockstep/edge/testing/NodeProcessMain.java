package io.lockstep.edge.testing;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeSettings;
import io.lockstep.edge.link.LinkSettings;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An edge node as its own process, for crash tests: {@code NodeProcessMain <node-id> <data-dir> <c2-port>}.
 * Runs until killed.
 */
public final class NodeProcessMain {

    private NodeProcessMain() {
    }

    public static NodeSettings settings(String nodeId, Path dataDir, int c2Port) {
        return NodeSettings.defaults(nodeId, dataDir, c2Port)
                .withLink(new LinkSettings("127.0.0.1", c2Port, Optional.empty(), 100, 5_000, 20, 200))
                .withStart(10, 10, 1.0)
                .withTiming(10, 50, 50);
    }

    public static void main(String[] args) throws InterruptedException {
        EdgeNode.start(settings(args[0], Path.of(args[1]), Integer.parseInt(args[2])), OpenTelemetry.noop());
        Thread.currentThread().join();
    }
}

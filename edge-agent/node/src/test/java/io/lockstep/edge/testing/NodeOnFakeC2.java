package io.lockstep.edge.testing;

import static io.lockstep.edge.testing.FakeC2.await;

import io.lockstep.edge.app.EdgeNode;
import io.lockstep.edge.app.NodeSettings;
import io.lockstep.edge.link.LinkSettings;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mission.AssignmentSignatureCheck;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per test: a {@link FakeC2}, and a whole node linked to it once the test starts one; after the test (and its own
 * {@code @AfterEach} methods) the node is closed, then C2. Register it on a field:
 * {@code @RegisterExtension final NodeOnFakeC2 fixture = new NodeOnFakeC2();}.
 */
public final class NodeOnFakeC2 extends FakeC2PerTest {
    private EdgeNode node;

    @Override
    protected void closeClients() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /**
     * node-1 with its data in {@code dataDir}, linked to this C2 (heartbeats every 200 ms, reconnecting after
     * 20..200 ms), with short start-up and tick timings.
     */
    public NodeSettings settings(Path dataDir) {
        return NodeSettings.defaults("node-1", dataDir, c2().port())
                .withLink(new LinkSettings("127.0.0.1", c2().port(), Optional.empty(), 200, 5_000, 20, 200))
                .withStart(10, 10, 1.0)
                .withTiming(10, 50, 25);
    }

    /** Starts the node, unpinned (any assignment signature), and waits for its link; it is closed after the test. */
    public EdgeNode start(NodeSettings settings) {
        return start(settings, AssignmentSignatureCheck.unpinned());
    }

    /** Starts the node and waits for its link; it is closed after the test. */
    public EdgeNode start(NodeSettings settings, AssignmentSignatureCheck signatures) {
        EdgeNode n = EdgeNode.start(settings, OpenTelemetry.noop(), signatures);
        node = n;
        await("link up", () -> n.link().state() == LinkState.CONNECTED);
        return n;
    }
}

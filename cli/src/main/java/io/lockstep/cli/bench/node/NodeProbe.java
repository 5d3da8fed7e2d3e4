package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.EdgeNodeProcess;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads one node's state from both sides, tolerating a node (or a debug port) that is not up: its own debug
 * status, and C2's node list.
 */
final class NodeProbe {
    static final String CONNECTED = "CONNECTED";

    private final EdgeNodeProcess node;
    private final C2Api c2;

    NodeProbe(EdgeNodeProcess node, C2Api c2) {
        this.node = node;
        this.c2 = c2;
    }

    EdgeNodeProcess node() {
        return node;
    }

    C2Api c2() {
        return c2;
    }

    /** The node's {@code /debug/v1/status}, or empty while its debug port does not answer. */
    Optional<JsonNode> debugStatus() {
        try {
            return Optional.of(node.debug().status());
        } catch (UncheckedIOException notListening) {
            return Optional.empty();
        } catch (RuntimeException notReady) {
            // Quarkus answers 503 while the application is still starting.
            return Optional.empty();
        }
    }

    /** Whether the node's own link reports a session with C2. */
    boolean nodeLinkUp() {
        return debugStatus().map(s -> CONNECTED.equals(s.path("linkState").asText())).orElse(false);
    }

    /** Whether C2 lists the node as connected over the link. */
    boolean c2SeesConnected() {
        for (JsonNode listed : c2.nodes()) {
            if (node.id().equals(listed.path("nodeId").asText())) {
                return CONNECTED.equals(listed.path("linkState").asText());
            }
        }
        return false;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

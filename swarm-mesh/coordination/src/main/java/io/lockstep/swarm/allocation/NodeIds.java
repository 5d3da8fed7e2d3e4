package io.lockstep.swarm.allocation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Node ids: 1..128 UTF-8 bytes, no control characters. Ordered by their UTF-8 bytes compared unsigned
 * (not {@link String#compareTo}, which orders UTF-16 units and differs for supplementary characters).
 */
public final class NodeIds {

    public static final int MAX_BYTES = 128;

    /** The canonical order of node ids everywhere in the swarm (membership, tie breaks, alerts). */
    public static final Comparator<String> ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private NodeIds() {
    }

    public static String require(String nodeId) {
        if (nodeId == null) {
            throw new IllegalArgumentException("node id missing");
        }
        int length = nodeId.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_BYTES) {
            throw new IllegalArgumentException("node id must be 1.." + MAX_BYTES + " UTF-8 bytes");
        }
        for (int i = 0; i < nodeId.length(); i++) {
            if (Character.isISOControl(nodeId.charAt(i))) {
                throw new IllegalArgumentException("node id contains a control character");
            }
        }
        return nodeId;
    }
}

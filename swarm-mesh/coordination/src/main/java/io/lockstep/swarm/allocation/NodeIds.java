package io.lockstep.swarm.allocation;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Node ids: 1..128 UTF-8 bytes, no control characters. Ordered by their UTF-8 bytes compared unsigned
 * (not {@link String#compareTo}, which orders UTF-16 units and differs for supplementary characters).
 */
public final class NodeIds {

    public static final int MAX_BYTES = 128;

    /**
     * The canonical order of node ids everywhere in the swarm (membership, tie breaks, alerts): by UTF-8
     * bytes compared unsigned, which is the same as comparing code points, computed here without encoding.
     */
    public static final Comparator<String> ORDER = NodeIds::compareCodePoints;

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

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
